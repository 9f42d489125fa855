package de.dos2030.iot.edge.sensor.sht3x;

import static de.dos2030.iot.edge.sensor.sht3x.Sht3xConstants.*;

import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.port.I2cDevice;
import de.dos2030.iot.edge.sensor.SensorException;
import de.dos2030.iot.edge.sensor.SensorLabel;
import de.dos2030.iot.edge.sensor.sensirion.SensirionFrames;

/**
 * SHT3x temperature/humidity commands: one transaction per call, waits left to the caller
 * ({@link Sht3xSensor} schedules them). Not thread-safe; faults as {@link SensorException}.
 */
public final class Sht3xDriver {

    public record Measurement(double temperatureC, double humidityPercent) {}

    private final I2cDevice device;
    private final SensorLabel label;

    public Sht3xDriver(I2cDevice device, SensorLabel label) {
        this.device = device;
        this.label = label;
    }

    public SensorLabel label() {
        return label;
    }

    public void send(int command) throws SensorException {
        try {
            device.write(SensirionFrames.command(command));
        } catch (BusException e) {
            throw label.fromBus(e);
        }
    }

    private int[] readWords(int words, String what) throws SensorException {
        return SensirionFrames.readWords(device, words, label, what);
    }

    /** After {@link Sht3xConstants#READ_SERIAL_NUMBER}: the 32-bit serial. */
    public long readSerialNumber() throws SensorException {
        int[] w = readWords(2, "read_serial_number");
        return ((long) w[0] << 16) | w[1];
    }

    /** After {@link Sht3xConstants#MEASURE_HIGH_REPEATABILITY} and {@link Sht3xConstants#MEASURE_TIME}. */
    public Measurement readMeasurement() throws SensorException {
        int[] w = readWords(2, "measure_single_shot");
        return new Measurement(temperatureC(w[0]), humidityPercent(w[1]));
    }
}
