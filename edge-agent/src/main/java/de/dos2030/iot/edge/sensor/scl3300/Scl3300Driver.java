package de.dos2030.iot.edge.sensor.scl3300;

import static de.dos2030.iot.edge.sensor.scl3300.Scl3300Constants.*;

import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.port.SpiDevice;
import de.dos2030.iot.edge.sensor.SensorException;
import de.dos2030.iot.edge.sensor.SensorLabel;

/**
 * SCL3300 off-frame protocol: the answer to a request arrives during the next frame, so reading
 * n registers takes n + 1 frames. Every response is CRC-checked and its echoed address compared
 * with the request, which catches a lost or repeated frame. Not thread-safe.
 */
public final class Scl3300Driver {

    /** Angles in degrees about x, y, z. */
    public record Measurement(double xDeg, double yDeg, double zDeg) {}

    private final SpiDevice device;
    private final SensorLabel label;
    private final byte[] tx = new byte[4];

    public Scl3300Driver(SpiDevice device, SensorLabel label) {
        this.device = device;
        this.label = label;
    }

    public SensorLabel label() {
        return label;
    }

    /** One 32-bit frame out, one in. */
    int transfer(int frame) throws SensorException {
        tx[0] = (byte) (frame >>> 24);
        tx[1] = (byte) (frame >>> 16);
        tx[2] = (byte) (frame >>> 8);
        tx[3] = (byte) frame;
        byte[] rx;
        try {
            rx = device.transfer(tx);
        } catch (BusException e) {
            throw label.fromBus(e);
        }
        return ((rx[0] & 0xFF) << 24) | ((rx[1] & 0xFF) << 16) | ((rx[2] & 0xFF) << 8) | (rx[3] & 0xFF);
    }

    /**
     * Sends the request frames in order and returns the 16-bit data answering each, checking
     * CRC, return status and echoed address.
     */
    public int[] exchange(int... requests) throws SensorException {
        int[] data = new int[requests.length];
        transfer(requests[0]);
        for (int i = 0; i < requests.length; i++) {
            int next = i + 1 < requests.length ? requests[i + 1] : FRAME_READ_STATUS;
            data[i] = check(transfer(next), requests[i]);
        }
        return data;
    }

    private int check(int response, int request) throws SensorException {
        if (response == 0 || response == 0xFFFFFFFF) throw label.noAnswer(); // nobody drives MISO
        int crc = Scl3300Crc.of(response);
        if (crc != (response & 0xFF)) {
            throw label.crcMismatch(String.format("response to frame 0x%08X", request), response & 0xFF, crc);
        }
        int echoed = (response >>> 26) & 0x1F;
        int asked = (request >>> 26) & 0x1F;
        if (echoed != asked) {
            throw label.timeout(String.format(
                    "answer for register 0x%02X arrived where 0x%02X was expected: frames out of step", echoed, asked));
        }
        int rs = (response >>> 24) & 0x03;
        if (rs == RS_ERROR) {
            throw label.selfTestFailed("return status 'error' (read STATUS for the cause)");
        }
        return (response >>> 8) & 0xFFFF;
    }

    public void softReset() throws SensorException {
        transfer(FRAME_SW_RESET);
    }

    /** Mode 4 (inclination mode, 10 Hz low-noise filter) and angle outputs on. */
    public void configureInclinationMode() throws SensorException {
        transfer(FRAME_MODE_4);
        transfer(FRAME_ENABLE_ANGLES);
    }

    /** WHOAMI, checked. */
    public void checkWhoAmI() throws SensorException {
        int who = exchange(FRAME_READ_WHOAMI)[0] & 0xFF;
        if (who != WHOAMI) {
            throw label.wrongId(
                    "WHOAMI",
                    String.format("0x%02X", who),
                    String.format("0x%02X", WHOAMI),
                    "another SPI device is on this chip select: check the CS line and the configuration");
        }
    }

    /**
     * Reads STATUS twice (reading clears it; the start-up sequence must) and returns the second,
     * clean value. Start-up errors in the first read are expected and ignored.
     */
    public int clearStatus() throws SensorException {
        transfer(FRAME_READ_STATUS);
        transfer(FRAME_READ_STATUS);
        int response = transfer(FRAME_READ_STATUS);
        if (response == 0 || response == 0xFFFFFFFF) throw label.noAnswer();
        int crc = Scl3300Crc.of(response);
        if (crc != (response & 0xFF)) throw label.crcMismatch("STATUS", response & 0xFF, crc);
        return (response >>> 8) & 0xFFFF;
    }

    public Measurement readAngles() throws SensorException {
        int[] d = exchange(FRAME_READ_ANG_X, FRAME_READ_ANG_Y, FRAME_READ_ANG_Z);
        return new Measurement((short) d[0] * DEG_PER_LSB, (short) d[1] * DEG_PER_LSB, (short) d[2] * DEG_PER_LSB);
    }
}
