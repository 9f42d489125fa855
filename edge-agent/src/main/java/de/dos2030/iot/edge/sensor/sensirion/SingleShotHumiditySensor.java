package de.dos2030.iot.edge.sensor.sensirion;

import de.dos2030.iot.edge.sample.FaultKind;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sensor.SampleSink;
import de.dos2030.iot.edge.sensor.SensorException;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The state machine Sensirion's single-shot humidity sensors (SHT3x, SHT4x) share: soft reset,
 * serial number, then one measurement per period. A subclass names its chip's commands and
 * timings and reads through its own driver. Nothing waits in a thread: each wait is a returned delay.
 */
public abstract class SingleShotHumiditySensor implements Acquisition {

    /** A chip's commands and how long each takes, from its datasheet. */
    public record Commands(
            int softReset,
            Duration resetTime,
            int readSerial,
            Duration serialTime,
            int measure,
            Duration measureTime) {}

    /** One measurement; {@code humidityClamped} when the chip's formula left 0-100 % and was clamped. */
    public record Reading(double temperatureC, double humidityPercent, boolean humidityClamped) {}

    private enum State {
        RESET,
        SERIAL_REQUEST,
        SERIAL_READ,
        MEASURE,
        READ
    }

    private final Commands commands;
    private final Duration period;
    private State state = State.RESET;
    private String identity;

    protected SingleShotHumiditySensor(Commands commands, Duration period) {
        if (period.compareTo(commands.measureTime()) <= 0) {
            throw new IllegalArgumentException("period must exceed " + commands.measureTime());
        }
        this.commands = commands;
        this.period = period;
    }

    protected abstract void send(int command) throws SensorException;

    protected abstract long readSerialNumber() throws SensorException;

    protected abstract Reading readMeasurement() throws SensorException;

    @Override
    public List<Quantity> quantities() {
        return List.of(Quantity.TEMPERATURE, Quantity.RELATIVE_HUMIDITY);
    }

    @Override
    public Optional<String> identity() {
        return Optional.ofNullable(identity);
    }

    @Override
    public void restart() {
        state = State.RESET;
    }

    @Override
    public Duration step(Instant now, SampleSink sink) throws SensorException {
        switch (state) {
            case RESET -> {
                send(commands.softReset());
                state = State.SERIAL_REQUEST;
                return commands.resetTime();
            }
            case SERIAL_REQUEST -> {
                send(commands.readSerial());
                state = State.SERIAL_READ;
                return commands.serialTime();
            }
            case SERIAL_READ -> {
                identity = String.format("serial 0x%08X", readSerialNumber());
                state = State.MEASURE;
                return Duration.ZERO;
            }
            case MEASURE -> {
                send(commands.measure());
                state = State.READ;
                return commands.measureTime();
            }
            case READ -> {
                state = State.MEASURE;
                try {
                    Reading m = readMeasurement();
                    String id = label().sensorId();
                    sink.sample(Sample.checked(id, Quantity.TEMPERATURE, now, m.temperatureC(), Quality.OK));
                    sink.sample(Sample.checked(
                            id,
                            Quantity.RELATIVE_HUMIDITY,
                            now,
                            m.humidityPercent(),
                            m.humidityClamped() ? Quality.OUT_OF_RANGE : Quality.OK));
                } catch (SensorException e) {
                    if (e.kind() != FaultKind.CRC_MISMATCH) throw e;
                    sink.fault(e); // one corrupted frame: drop it, keep measuring
                }
                return period.minus(commands.measureTime());
            }
            default -> throw new IllegalStateException(state.name());
        }
    }
}
