package de.dos2030.iot.edge.sensor.adxl345;

import static de.dos2030.iot.edge.sensor.adxl345.Adxl345Constants.*;

import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.port.RegisterDevice;
import de.dos2030.iot.edge.sensor.SensorException;
import de.dos2030.iot.edge.sensor.SensorLabel;

/**
 * ADXL345 on I2C or SPI: identity, configuration (full resolution, FIFO in stream mode), single
 * reads and FIFO drains. Not thread-safe; faults as {@link SensorException}.
 */
public final class Adxl345Driver {

    /** One x/y/z sample in g. */
    public record Measurement(double x, double y, double z) {}

    /** Result of a FIFO drain: samples oldest first, and whether unread samples were overwritten since the last drain. */
    public record FifoRead(double[] x, double[] y, double[] z, int count, boolean overrun) {}

    private final RegisterDevice device;
    private final SensorLabel label;
    private final byte[] entry = new byte[6];

    public Adxl345Driver(RegisterDevice device, SensorLabel label) {
        this.device = device;
        this.label = label;
    }

    public SensorLabel label() {
        return label;
    }

    private int readByte(int register) throws SensorException {
        try {
            return device.readRegisters(register, 1)[0] & 0xFF;
        } catch (BusException e) {
            throw label.fromBus(e);
        }
    }

    private void readData(byte[] buffer) throws SensorException {
        try {
            device.read(REG_DATAX0, buffer);
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

    /** Checks DEVID (0xE5). */
    public void checkIdentity() throws SensorException {
        int id = readByte(REG_DEVID);
        if (id == 0x00 || id == 0xFF)
            throw label.noAnswer(); // on SPI nobody driving MISO reads as all zeros or all ones
        if (id != DEVID) {
            String hint = id == 0xAD
                    ? "this is an ADXL355 (DEVID_AD 0xAD): change the driver to adxl355"
                    : "another chip answers at this address: check the address (ALT ADDRESS pin) in the configuration";
            throw label.wrongId("DEVID", String.format("0x%02X", id), String.format("0x%02X", DEVID), hint);
        }
    }

    /**
     * Standby, full resolution at the range, the output data rate, the FIFO emptied (bypass) and put
     * in stream mode with a watermark of half its depth, then measurement mode.
     */
    public void configure(int rangeCode, int rateCode) throws SensorException {
        write(REG_POWER_CTL, POWER_STANDBY);
        write(REG_DATA_FORMAT, DATA_FORMAT_FULL_RES | rangeCode);
        write(REG_BW_RATE, rateCode & 0x0F);
        write(REG_FIFO_CTL, FIFO_MODE_BYPASS);
        write(REG_FIFO_CTL, FIFO_MODE_STREAM | FIFO_CAPACITY / 2);
        write(REG_POWER_CTL, POWER_MEASURE);
    }

    /** The oldest sample in the FIFO (in bypass mode: the latest sample). */
    public Measurement readAcceleration() throws SensorException {
        readData(entry);
        return new Measurement(
                raw16(entry[0], entry[1]) / LSB_PER_G_FULL_RES,
                raw16(entry[2], entry[3]) / LSB_PER_G_FULL_RES,
                raw16(entry[4], entry[5]) / LSB_PER_G_FULL_RES);
    }

    /**
     * Drains the FIFO: INT_SOURCE (overrun), FIFO_STATUS (entries), then one 6-byte read of the data
     * registers per entry, which pops it. The chip offers no burst over several entries, so a drain
     * of n samples costs n + 2 transactions; between two pops the datasheet asks for 5 us, which
     * a transaction's own address phase already exceeds at 400 kHz I2C or a 5 MHz SPI frame.
     */
    public FifoRead readFifo() throws SensorException {
        boolean overrun = (readByte(REG_INT_SOURCE) & INT_OVERRUN) != 0;
        int entries = Math.min(FIFO_CAPACITY, readByte(REG_FIFO_STATUS) & FIFO_ENTRIES_MASK);
        double[] x = new double[entries], y = new double[entries], z = new double[entries];
        for (int i = 0; i < entries; i++) {
            readData(entry);
            x[i] = raw16(entry[0], entry[1]) / LSB_PER_G_FULL_RES;
            y[i] = raw16(entry[2], entry[3]) / LSB_PER_G_FULL_RES;
            z[i] = raw16(entry[4], entry[5]) / LSB_PER_G_FULL_RES;
        }
        return new FifoRead(x, y, z, entries, overrun);
    }
}
