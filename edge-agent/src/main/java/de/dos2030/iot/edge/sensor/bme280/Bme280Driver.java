package de.dos2030.iot.edge.sensor.bme280;

import static de.dos2030.iot.edge.sensor.bme280.Bme280Constants.*;

import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.port.RegisterDevice;
import de.dos2030.iot.edge.sensor.SensorException;
import de.dos2030.iot.edge.sensor.SensorLabel;

/**
 * BME280 register access and compensation. One transaction per call; waits are the caller's.
 * Not thread-safe; faults as {@link SensorException}.
 */
public final class Bme280Driver {

    /**
     * A compensated measurement. A channel the chip skipped (sentinel output) is NaN and named in
     * {@code skipped}.
     */
    public record Measurement(double temperatureC, double pressureHpa, double humidityPercent, String skipped) {
        public boolean complete() {
            return skipped.isEmpty();
        }
    }

    private final RegisterDevice device;
    private final SensorLabel label;
    private Bme280Calibration calibration;

    public Bme280Driver(RegisterDevice device, SensorLabel label) {
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

    /** Reads the chip id and refuses anything but a BME280, naming the look-alike it found. */
    public void checkChipId() throws SensorException {
        int id = read(REG_CHIP_ID, 1)[0] & 0xFF;
        if (id == 0x00 || id == 0xFF) throw label.noAnswer(); // SPI: MISO not driven
        if (id != CHIP_ID) {
            String hint = switch (id) {
                case CHIP_ID_BMP280 -> "this is a BMP280 (no humidity): mount a BME280 or change the driver";
                case CHIP_ID_BME680 -> "this is a BME680: change the driver in the configuration";
                default -> "another chip answers at this address: check the address in the configuration";
            };
            throw label.wrongId("chip id", String.format("0x%02X", id), String.format("0x%02X", CHIP_ID), hint);
        }
    }

    public void softReset() throws SensorException {
        write(REG_RESET, RESET_COMMAND);
    }

    /** True while the chip copies its calibration from NVM after reset. */
    public boolean isUpdatingCalibration() throws SensorException {
        return (read(REG_STATUS, 1)[0] & STATUS_IM_UPDATE) != 0;
    }

    public boolean isMeasuring() throws SensorException {
        return (read(REG_STATUS, 1)[0] & STATUS_MEASURING) != 0;
    }

    public Bme280Calibration readCalibration() throws SensorException {
        calibration =
                Bme280Calibration.decode(read(REG_CALIB_00, CALIB_00_LENGTH), read(REG_CALIB_26, CALIB_26_LENGTH));
        return calibration;
    }

    /** Oversampling x1 for humidity (ctrl_hum must be written before ctrl_meas to take effect), filter off. */
    public void configure() throws SensorException {
        write(REG_CTRL_HUM, OVERSAMPLING_X1);
        write(REG_CONFIG, 0x00);
        write(REG_CTRL_MEAS, (OVERSAMPLING_X1 << 5) | (OVERSAMPLING_X1 << 2) | MODE_SLEEP);
    }

    /** Starts one forced-mode conversion; read it after {@link Bme280Constants#FORCED_MEASUREMENT_TIME}. */
    public void startForcedMeasurement() throws SensorException {
        write(REG_CTRL_MEAS, CTRL_MEAS_FORCED_X1);
    }

    /** Burst-reads the data registers and compensates them. */
    public Measurement readMeasurement() throws SensorException {
        if (calibration == null) throw new IllegalStateException("readCalibration() first");
        byte[] d = read(REG_DATA, DATA_LENGTH);
        int adcP = ((d[0] & 0xFF) << 12) | ((d[1] & 0xFF) << 4) | ((d[2] & 0xFF) >> 4);
        int adcT = ((d[3] & 0xFF) << 12) | ((d[4] & 0xFF) << 4) | ((d[5] & 0xFF) >> 4);
        int adcH = ((d[6] & 0xFF) << 8) | (d[7] & 0xFF);
        return compensate(calibration, adcT, adcP, adcH);
    }

    /** Bosch compensation of raw ADC values; skip sentinels become NaN and are named. */
    public static Measurement compensate(Bme280Calibration c, int adcT, int adcP, int adcH) {
        if (adcT == SKIPPED_TP) {
            // Without temperature there is no t_fine, so nothing can be compensated.
            return new Measurement(Double.NaN, Double.NaN, Double.NaN, "temperature (0x80000)");
        }
        int tFine = c.tFine(adcT);
        double p = adcP == SKIPPED_TP ? Double.NaN : c.pressurePa(adcP, tFine) / 100.0;
        double h = adcH == SKIPPED_H ? Double.NaN : c.humidityPercent(adcH, tFine);
        String skipped =
                (adcP == SKIPPED_TP ? "pressure (0x80000) " : "") + (adcH == SKIPPED_H ? "humidity (0x8000)" : "");
        return new Measurement(c.temperatureC(adcT), p, h, skipped.trim());
    }
}
