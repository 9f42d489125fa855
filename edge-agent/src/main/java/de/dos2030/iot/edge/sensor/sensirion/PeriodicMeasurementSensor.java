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
 * The state machine Sensirion's periodically measuring CO2 sensors (SCD30, SCD4x) share: the
 * chip's own start-up (stop, identify, configure: the subclass's steps), start measurement, then
 * every interval ask whether data are ready and read them. A chip silent for three intervals is
 * restarted. Nothing waits in a thread: each wait is a returned delay.
 *
 * <p>Silence is judged by the chip's data-ready answers and when each was asked, never by when
 * the bus thread got round to reading an answer: a thread that ran late (a slow neighbour, a
 * pause) or a measurement lost to a CRC error never makes a measuring chip look dead.
 */
public abstract class PeriodicMeasurementSensor implements Acquisition {

    /**
     * The measurement loop's commands, from the chip's datasheet.
     *
     * @param commandTime how long the chip takes for a command before its answer can be read
     * @param modeName    the chip's name for its measurement mode, for messages ({@code periodic})
     */
    public record Loop(int getDataReady, int readMeasurement, Duration commandTime, String modeName) {}

    /** One measurement; a CO2 that is not finite and above 0 ppm is not a measurement (both chips say 0 before their first). */
    public record Reading(double co2Ppm, double temperatureC, double humidityPercent) {}

    private enum State {
        START_UP,
        READY_REQUEST,
        READY_READ,
        MEASUREMENT_READ
    }

    private final Loop loop;
    private final Duration interval;
    private State state = State.START_UP;
    private String identity;
    /** When the pending data-ready request went out: its answer describes that moment. */
    private Instant readyAskedAt;
    /** When the chip last said it had data (or measurement started): the chip's evidence, not our timing. */
    private Instant lastReady;

    protected PeriodicMeasurementSensor(Loop loop, Duration interval) {
        this.loop = loop;
        this.interval = interval;
    }

    /**
     * One step of the chip's start-up (stop a running measurement, identify, configure).
     *
     * @return the wait before the next start-up step, or empty once the chip is ready to start measuring
     */
    protected abstract Optional<Duration> startUp(Instant now) throws SensorException;

    /** Makes the next {@link #startUp} call the first step again (after a fault). */
    protected abstract void restartStartUp();

    /** Sends the chip's start command; the first interval covers its execution time. */
    protected abstract void startMeasurement() throws SensorException;

    protected abstract void send(int command) throws SensorException;

    /** After {@link Loop#getDataReady()}: whether a measurement waits. */
    protected abstract boolean readDataReady() throws SensorException;

    /** After {@link Loop#readMeasurement()}. */
    protected abstract Reading readMeasurement() throws SensorException;

    /** Records what start-up found out about the chip (serial, variant, firmware). */
    protected final void identify(String identity) {
        this.identity = identity;
    }

    @Override
    public final Optional<String> identity() {
        return Optional.ofNullable(identity);
    }

    @Override
    public final List<Quantity> quantities() {
        return List.of(Quantity.CO2, Quantity.TEMPERATURE, Quantity.RELATIVE_HUMIDITY);
    }

    @Override
    public final void restart() {
        state = State.START_UP;
        lastReady = null;
        restartStartUp();
    }

    @Override
    public final Duration step(Instant now, SampleSink sink) throws SensorException {
        switch (state) {
            case START_UP -> {
                Optional<Duration> wait = startUp(now);
                if (wait.isPresent()) return wait.get();
                startMeasurement();
                lastReady = now;
                state = State.READY_REQUEST;
                return interval;
            }
            case READY_REQUEST -> {
                send(loop.getDataReady());
                readyAskedAt = now;
                state = State.READY_READ;
                return loop.commandTime();
            }
            case READY_READ -> {
                if (readDataReady()) {
                    lastReady = readyAskedAt;
                    send(loop.readMeasurement());
                    state = State.MEASUREMENT_READ;
                    return loop.commandTime();
                }
                Duration silent = Duration.between(lastReady, readyAskedAt);
                if (silent.compareTo(interval.multipliedBy(3)) > 0) {
                    throw label().timeout("no measurement for " + silent.toSeconds() + " s in " + loop.modeName()
                            + " mode: restarting measurement");
                }
                state = State.READY_REQUEST;
                return interval.dividedBy(10);
            }
            case MEASUREMENT_READ -> {
                state = State.READY_REQUEST;
                Duration next = interval.minus(loop.commandTime().multipliedBy(2));
                try {
                    deliver(readMeasurement(), now, sink);
                } catch (SensorException e) {
                    if (e.kind() != FaultKind.CRC_MISMATCH) throw e;
                    sink.fault(e); // one corrupted frame: drop it, keep measuring
                }
                return next;
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void deliver(Reading m, Instant now, SampleSink sink) {
        String id = label().sensorId();
        double co2 = m.co2Ppm();
        if (Double.isFinite(co2) && co2 > 0) {
            sink.sample(Sample.checked(id, Quantity.CO2, now, co2, Quality.OK));
        } else {
            sink.sample(new Sample(id, Quantity.CO2, now, Double.isFinite(co2) ? co2 : 0, Quality.SENSOR_FAULT));
            sink.fault(label().invalidValue(
                            "CO2 = " + asWritten(co2) + " ppm (the sensor is not measuring CO2 correctly)"));
        }
        deliver(id, Quantity.TEMPERATURE, m.temperatureC(), now, sink);
        deliver(id, Quantity.RELATIVE_HUMIDITY, m.humidityPercent(), now, sink);
    }

    private void deliver(String id, Quantity q, double value, Instant now, SampleSink sink) {
        if (Double.isFinite(value)) {
            sink.sample(Sample.checked(id, q, now, value, Quality.OK));
        } else {
            sink.fault(label().invalidValue(q.wireName() + " = " + value));
        }
    }

    /** {@code 0} rather than {@code 0.0}: whole ppm as the chip would print them. */
    private static String asWritten(double ppm) {
        return Double.isFinite(ppm) && ppm == Math.rint(ppm) ? String.valueOf((long) ppm) : String.valueOf(ppm);
    }
}
