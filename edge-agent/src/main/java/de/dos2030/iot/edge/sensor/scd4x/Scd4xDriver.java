package de.dos2030.iot.edge.sensor.scd4x;

import static de.dos2030.iot.edge.sensor.scd4x.Scd4xConstants.*;

import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.port.I2cDevice;
import de.dos2030.iot.edge.sensor.SensorException;
import de.dos2030.iot.edge.sensor.SensorLabel;
import de.dos2030.iot.edge.sensor.sensirion.SensirionFrames;

/**
 * SCD40/SCD41 CO2 sensor commands. Each method is one I2C transaction and never waits: a
 * command's execution time ({@link Scd4xConstants}) is the caller's to respect, which
 * {@link Scd4xSensor} does by scheduling. Every received word is CRC-checked.
 *
 * <p>Not thread-safe. Throws {@link SensorException} with a technician's message on any fault.
 */
public final class Scd4xDriver {

    /** One measurement in physical units. */
    public record Measurement(int co2Ppm, double temperatureC, double humidityPercent) {}

    private final I2cDevice device;
    private final SensorLabel label;

    public Scd4xDriver(I2cDevice device, SensorLabel label) {
        this.device = device;
        this.label = label;
    }

    public SensorLabel label() {
        return label;
    }

    /** Sends a command (with optional argument words); wait its execution time before the next. */
    public void send(int command, int... args) throws SensorException {
        try {
            device.write(SensirionFrames.command(command, args));
        } catch (BusException e) {
            throw label.fromBus(e);
        }
    }

    /** Reads {@code words} words of a command's response, CRC-checked. */
    public int[] readWords(int words, String what) throws SensorException {
        return SensirionFrames.readWords(device, words, label, what);
    }

    /** After {@link Scd4xConstants#GET_SERIAL_NUMBER}: the 48-bit serial. */
    public long readSerialNumber() throws SensorException {
        int[] w = readWords(3, "get_serial_number");
        return ((long) w[0] << 32) | ((long) w[1] << 16) | w[2];
    }

    /** After {@link Scd4xConstants#GET_DATA_READY_STATUS}: whether a measurement waits. */
    public boolean readDataReady() throws SensorException {
        return (readWords(1, "get_data_ready_status")[0] & DATA_READY_MASK) != 0;
    }

    /**
     * After {@link Scd4xConstants#READ_MEASUREMENT}: the measurement. A CO2 of 0 ppm (the datasheet:
     * not a measurement) is returned as is; the sensor flags it.
     */
    public Measurement readMeasurement() throws SensorException {
        int[] w = readWords(3, "read_measurement");
        return new Measurement(w[0], temperatureC(w[1]), humidityPercent(w[2]));
    }
}
