package de.dos2030.iot.edge.sensor.adxl355;

import static de.dos2030.iot.edge.sensor.adxl355.Adxl355Constants.*;

import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.port.RegisterDevice;
import de.dos2030.iot.edge.sensor.SensorException;
import de.dos2030.iot.edge.sensor.SensorLabel;

/**
 * ADXL355 on I2C: identity, configuration, single reads and FIFO drains. Not thread-safe;
 * faults as {@link SensorException}.
 */
public final class Adxl355Driver {

    /** One x/y/z sample in g. */
    public record Measurement(double x, double y, double z) {}

    /** Result of a FIFO drain: samples oldest first, and whether the FIFO overflowed since the last drain. */
    public record FifoRead(double[] x, double[] y, double[] z, int count, boolean overrun) {}

    private final RegisterDevice device;
    private final SensorLabel label;
    private double lsbPerG = lsbPerG(1);
    private byte[] fifoBuffer = new byte[FIFO_CAPACITY_ENTRIES * 3];

    public Adxl355Driver(RegisterDevice device, SensorLabel label) {
        this.device = device;
        this.label = label;
    }

    public SensorLabel label() {
        return label;
    }

    private byte[] read(int register, int length) throws SensorException {
        try {
            return device.readRegisters(register, length);
        } catch (BusException e) {
            throw label.fromBus(e);
        }
    }

    private void write(int register, int value) throws SensorException {
        try {
            device.writeRegister(register, value);
        } catch (BusException e) {
            throw label.fromBus(e);
        }
    }

    /** Checks DEVID_AD, DEVID_MST and PARTID; returns the revision id. */
    public int checkIdentity() throws SensorException {
        byte[] id = read(REG_DEVID_AD, 4);
        int ad = id[0] & 0xFF, mst = id[1] & 0xFF, part = id[2] & 0xFF;
        if ((ad == 0 && mst == 0 && part == 0) || (ad == 0xFF && mst == 0xFF && part == 0xFF)) {
            throw label.noAnswer(); // on SPI nobody driving MISO reads as all zeros or all ones
        }
        if (ad != DEVID_AD || mst != DEVID_MST || part != PARTID) {
            String hint = ad == 0xE5
                    ? "this is an ADXL345 (DEVID 0xE5): change the driver to adxl345"
                    : "another chip answers at this address: check the address (ASEL pin) in the configuration";
            throw label.wrongId(
                    "ids",
                    String.format("0x%02X 0x%02X 0x%02X", ad, mst, part),
                    String.format("0x%02X 0x%02X 0x%02X", DEVID_AD, DEVID_MST, PARTID),
                    hint);
        }
        return id[3] & 0xFF;
    }

    public void reset() throws SensorException {
        write(REG_RESET, RESET_CODE);
    }

    /** Standby, range, output data rate, then measurement mode. */
    public void configure(int rangeCode, int odrCode) throws SensorException {
        write(REG_POWER_CTL, POWER_STANDBY);
        write(REG_RANGE, RANGE_RESET_BITS | rangeCode);
        write(REG_FILTER, odrCode & 0x0F);
        write(REG_POWER_CTL, POWER_MEASURE);
        lsbPerG = lsbPerG(rangeCode);
    }

    /** The latest sample from the data registers. */
    public Measurement readAcceleration() throws SensorException {
        byte[] d = read(REG_XDATA3, 9);
        return new Measurement(
                raw20(d[0], d[1], d[2]) / lsbPerG,
                raw20(d[3], d[4], d[5]) / lsbPerG,
                raw20(d[6], d[7], d[8]) / lsbPerG);
    }

    public double readTemperatureC() throws SensorException {
        byte[] t = read(REG_TEMP2, 2);
        return temperatureC(((t[0] & 0x0F) << 8) | (t[1] & 0xFF));
    }

    /**
     * Drains the complete x/y/z sets waiting in the FIFO in two transactions after a status read:
     * FIFO_ENTRIES, then one burst from FIFO_DATA (which does not auto-increment). Entries before
     * the first x marker (a set torn by an earlier partial read) are skipped.
     */
    public FifoRead readFifo() throws SensorException {
        byte[] status = read(REG_STATUS, 2);
        boolean overrun = (status[0] & STATUS_FIFO_OVR) != 0;
        int entries = status[1] & 0x7F;
        int take = entries - entries % 3;
        int count = 0;
        double[] x = new double[take / 3], y = new double[take / 3], z = new double[take / 3];
        if (take > 0) {
            byte[] d = fifoBuffer.length == take * 3 ? fifoBuffer : new byte[take * 3];
            try {
                device.read(REG_FIFO_DATA, d);
            } catch (BusException e) {
                throw label.fromBus(e);
            }
            fifoBuffer = d;
            int i = 0;
            while (i < take && (d[3 * i + 2] & FIFO_X_MARKER) == 0) i++;
            for (; i + 2 < take; i += 3) {
                if ((d[3 * i + 2] & FIFO_EMPTY) != 0) break;
                x[count] = raw20(d[3 * i], d[3 * i + 1], d[3 * i + 2]) / lsbPerG;
                y[count] = raw20(d[3 * i + 3], d[3 * i + 4], d[3 * i + 5]) / lsbPerG;
                z[count] = raw20(d[3 * i + 6], d[3 * i + 7], d[3 * i + 8]) / lsbPerG;
                count++;
            }
        }
        return new FifoRead(x, y, z, count, overrun);
    }
}
