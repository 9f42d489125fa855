package de.dos2030.iot.edge.sensor.scd30;

import static de.dos2030.iot.edge.sensor.scd30.Scd30Constants.*;

import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.port.I2cDevice;
import de.dos2030.iot.edge.sensor.SensorException;
import de.dos2030.iot.edge.sensor.SensorLabel;
import de.dos2030.iot.edge.sensor.sensirion.SensirionFrames;

/**
 * SCD30 CO2 sensor commands. Each method is one I2C transaction and never waits: the 3 ms between
 * a command and its answer ({@link Scd30Constants#COMMAND_TIME}) is the caller's to respect, which
 * {@link Scd30Sensor} does by scheduling. The SCD30 does not take a repeated start, so a command
 * and the read of its answer are always two transactions with a STOP between them. Every
 * received word is CRC-checked.
 *
 * <p>The chip stretches the clock up to 150 ms; a hardware I2C controller that gives up earlier
 * makes a transaction fail with {@code TIMEOUT}, reported as such.
 *
 * <p>Not thread-safe. Throws {@link SensorException} with a technician's message on any fault.
 */
public final class Scd30Driver {

    /** One measurement as the chip reported it (NaN, infinity or 0 ppm are possible: the sensor flags them). */
    public record Measurement(float co2Ppm, float temperatureC, float humidityPercent) {}

    private final I2cDevice device;
    private final SensorLabel label;

    public Scd30Driver(I2cDevice device, SensorLabel label) {
        this.device = device;
        this.label = label;
    }

    public SensorLabel label() {
        return label;
    }

    /** Sends a command with optional argument words; wait {@link Scd30Constants#COMMAND_TIME} before reading. */
    public void send(int command, int... args) throws SensorException {
        try {
            device.write(SensirionFrames.command(command, args));
        } catch (BusException e) {
            throw label.fromBus(e);
        }
    }

    /** Reads {@code words} words of the last command's answer, CRC-checked. */
    public int[] readWords(int words, String what) throws SensorException {
        return SensirionFrames.readWords(device, words, label, what);
    }

    /** After {@link Scd30Constants#READ_FIRMWARE_VERSION}: the version word (major << 8 | minor). */
    public int readFirmwareVersion() throws SensorException {
        return readWords(1, "read_firmware_version")[0];
    }

    /** After {@link Scd30Constants#GET_DATA_READY}. */
    public boolean readDataReady() throws SensorException {
        return readWords(1, "get_data_ready")[0] == 1;
    }

    /** After {@link Scd30Constants#READ_MEASUREMENT}: the three floats. */
    public Measurement readMeasurement() throws SensorException {
        int[] w = readWords(6, "read_measurement");
        return new Measurement(floatOf(w[0], w[1]), floatOf(w[2], w[3]), floatOf(w[4], w[5]));
    }
}
