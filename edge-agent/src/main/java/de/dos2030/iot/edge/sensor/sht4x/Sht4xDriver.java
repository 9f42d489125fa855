package de.dos2030.iot.edge.sensor.sht4x;

import static de.dos2030.iot.edge.sensor.sht4x.Sht4xConstants.*;

import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.port.I2cDevice;
import de.dos2030.iot.edge.sensor.SensorException;
import de.dos2030.iot.edge.sensor.SensorLabel;
import de.dos2030.iot.edge.sensor.sensirion.SensirionFrames;

/**
 * SHT4x temperature/humidity commands: one transaction per call, waits left to the caller.
 * Not thread-safe; faults as {@link SensorException}.
 */
public final class Sht4xDriver {

    /**
     * @param humidityPercent clamped to 0..100 as the datasheet recommends
     * @param humidityClamped whether the raw formula gave a value outside 0..100
     */
    public record Measurement(double temperatureC, double humidityPercent, boolean humidityClamped) {}

    private final I2cDevice device;
    private final SensorLabel label;

    public Sht4xDriver(I2cDevice device, SensorLabel label) {
        this.device = device;
        this.label = label;
    }

    public SensorLabel label() {
        return label;
    }

    public void send(int command) throws SensorException {
        try {
            device.write(new byte[] {(byte) command});
        } catch (BusException e) {
            throw label.fromBus(e);
        }
    }

    private int[] readWords(int words, String what) throws SensorException {
        return SensirionFrames.readWords(device, words, label, what);
    }

    /** After {@link Sht4xConstants#READ_SERIAL_NUMBER}: the 32-bit serial. */
    public long readSerialNumber() throws SensorException {
        int[] w = readWords(2, "read_serial_number");
        return ((long) w[0] << 16) | w[1];
    }

    /** After {@link Sht4xConstants#MEASURE_HIGH_PRECISION} and {@link Sht4xConstants#MEASURE_TIME}. */
    public Measurement readMeasurement() throws SensorException {
        int[] w = readWords(2, "measure_high_precision");
        double rh = humidityRaw(w[1]);
        double clamped = Math.max(0, Math.min(100, rh));
        return new Measurement(temperatureC(w[0]), clamped, clamped != rh);
    }
}
