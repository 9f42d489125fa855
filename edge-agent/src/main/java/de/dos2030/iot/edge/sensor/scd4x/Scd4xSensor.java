package de.dos2030.iot.edge.sensor.scd4x;

import static de.dos2030.iot.edge.sensor.scd4x.Scd4xConstants.*;

import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sensor.SampleSink;
import de.dos2030.iot.edge.sensor.SensorException;
import de.dos2030.iot.edge.sensor.SensorLabel;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * SCD4x as a schedulable state machine: stop any running measurement (500 ms), read serial and
 * variant, optionally run the 10 s self-test, send the configured temperature offset and altitude
 * (idle-mode commands, kept in RAM only, so they are sent at every start and never wear the
 * EEPROM), start periodic measurement, then every interval
 * ask whether data are ready and read them. Nothing waits in a thread: each wait is a returned delay.
 */
public final class Scd4xSensor implements Acquisition {

    /** Periodic (5 s) or low-power periodic (30 s) measurement. */
    public enum Mode {
        PERIODIC,
        LOW_POWER
    }

    /**
     * @param expectedVariant    {@code SCD40} or {@code SCD41}: what the configuration says is mounted
     * @param selfTestAtStart    run perform_self_test (10 s) before measuring
     * @param temperatureOffsetC self-heating to subtract, 0-20 degC; empty keeps the chip's (4 degC by default)
     * @param altitudeM          site altitude for the CO2 pressure compensation, 0-3000 m; empty keeps the chip's (0 m)
     * @throws IllegalArgumentException for an offset or altitude the chip cannot take
     */
    public record Settings(
            String expectedVariant,
            Mode mode,
            boolean selfTestAtStart,
            Optional<Double> temperatureOffsetC,
            Optional<Integer> altitudeM) {
        public Settings {
            temperatureOffsetC
                    .filter(t -> !(t >= 0 && t <= MAX_TEMPERATURE_OFFSET_C))
                    .ifPresent(t -> {
                        throw new IllegalArgumentException("temperature offset " + t + " degC is outside 0-"
                                + MAX_TEMPERATURE_OFFSET_C + " degC: the SCD4x can only subtract self-heating");
                    });
            altitudeM.filter(a -> a < 0 || a > MAX_ALTITUDE_M).ifPresent(a -> {
                throw new IllegalArgumentException(
                        "altitude " + a + " m is outside the SCD4x's 0-" + MAX_ALTITUDE_M + " m");
            });
        }

        public Settings(String expectedVariant, Mode mode, boolean selfTestAtStart) {
            this(expectedVariant, mode, selfTestAtStart, Optional.empty(), Optional.empty());
        }

        public static Settings defaults() {
            return new Settings("SCD41", Mode.PERIODIC, false);
        }
    }

    private enum State {
        STOP,
        SERIAL_REQUEST,
        SERIAL_READ,
        VARIANT_READ,
        SELF_TEST_READ,
        TEMPERATURE_OFFSET,
        ALTITUDE,
        START,
        READY_REQUEST,
        READY_READ,
        MEASUREMENT_READ
    }

    private final Scd4xDriver driver;
    private final Settings settings;
    private State state = State.STOP;
    private String identity;
    /** When the chip last said it had data (or measurement started): the chip's evidence, not our timing. */
    private Instant lastReady;
    /** When the pending get_data_ready_status went out: its answer describes that moment. */
    private Instant readyAskedAt;

    public Scd4xSensor(Scd4xDriver driver, Settings settings) {
        this.driver = driver;
        this.settings = settings;
    }

    @Override
    public SensorLabel label() {
        return driver.label();
    }

    @Override
    public List<Quantity> quantities() {
        return List.of(Quantity.CO2, Quantity.TEMPERATURE, Quantity.RELATIVE_HUMIDITY);
    }

    @Override
    public Optional<String> identity() {
        return Optional.ofNullable(identity);
    }

    @Override
    public void restart() {
        state = State.STOP;
        lastReady = null;
    }

    private Duration interval() {
        return settings.mode() == Mode.LOW_POWER ? LOW_POWER_INTERVAL : PERIODIC_INTERVAL;
    }

    @Override
    public Duration step(Instant now, SampleSink sink) throws SensorException {
        switch (state) {
            case STOP -> {
                driver.send(STOP_PERIODIC_MEASUREMENT);
                state = State.SERIAL_REQUEST;
                return STOP_TIME;
            }
            case SERIAL_REQUEST -> {
                driver.send(GET_SERIAL_NUMBER);
                state = State.SERIAL_READ;
                return COMMAND_TIME;
            }
            case SERIAL_READ -> {
                long serial = driver.readSerialNumber();
                identity = String.format("serial 0x%012X", serial);
                driver.send(GET_SENSOR_VARIANT);
                state = State.VARIANT_READ;
                return COMMAND_TIME;
            }
            case VARIANT_READ -> {
                String variant = variantName(driver.readWords(1, "get_sensor_variant")[0]);
                if (!variant.equals(settings.expectedVariant())) {
                    throw label().wrongId(
                                    "variant",
                                    variant,
                                    settings.expectedVariant(),
                                    "correct the driver in the configuration or mount the right sensor");
                }
                identity = variant + " " + identity;
                if (settings.selfTestAtStart()) {
                    driver.send(PERFORM_SELF_TEST);
                    state = State.SELF_TEST_READ;
                    return SELF_TEST_TIME;
                }
                state = State.TEMPERATURE_OFFSET;
                return Duration.ZERO;
            }
            case SELF_TEST_READ -> {
                int result = driver.readWords(1, "perform_self_test")[0];
                if (result != 0)
                    throw label().selfTestFailed(String.format("perform_self_test returned 0x%04X", result));
                state = State.TEMPERATURE_OFFSET;
                return Duration.ZERO;
            }
            case TEMPERATURE_OFFSET -> {
                state = State.ALTITUDE;
                if (settings.temperatureOffsetC().isEmpty()) return Duration.ZERO;
                driver.send(
                        SET_TEMPERATURE_OFFSET,
                        temperatureOffsetWord(settings.temperatureOffsetC().get()));
                return COMMAND_TIME;
            }
            case ALTITUDE -> {
                state = State.START;
                if (settings.altitudeM().isEmpty()) return Duration.ZERO;
                driver.send(SET_SENSOR_ALTITUDE, settings.altitudeM().get());
                return COMMAND_TIME;
            }
            case START -> {
                driver.send(
                        settings.mode() == Mode.LOW_POWER
                                ? START_LOW_POWER_PERIODIC_MEASUREMENT
                                : START_PERIODIC_MEASUREMENT);
                lastReady = now;
                state = State.READY_REQUEST;
                return interval();
            }
            case READY_REQUEST -> {
                driver.send(GET_DATA_READY_STATUS);
                readyAskedAt = now;
                state = State.READY_READ;
                return COMMAND_TIME;
            }
            case READY_READ -> {
                if (driver.readDataReady()) {
                    lastReady = readyAskedAt;
                    driver.send(READ_MEASUREMENT);
                    state = State.MEASUREMENT_READ;
                    return COMMAND_TIME;
                }
                // Judged by what the chip said and when it was asked, so a bus thread that ran late
                // (or a frame lost to a CRC error) never makes a measuring chip look dead.
                Duration silent = Duration.between(lastReady, readyAskedAt);
                if (silent.compareTo(interval().multipliedBy(3)) > 0) {
                    throw label().timeout("no measurement for " + silent.toSeconds()
                            + " s in periodic mode: restarting measurement");
                }
                state = State.READY_REQUEST;
                return interval().dividedBy(10);
            }
            case MEASUREMENT_READ -> {
                state = State.READY_REQUEST;
                Scd4xDriver.Measurement m;
                try {
                    m = driver.readMeasurement();
                } catch (SensorException e) {
                    sink.fault(e); // one corrupted frame: drop it, keep measuring
                    return interval().minus(COMMAND_TIME.multipliedBy(2));
                }
                String id = label().sensorId();
                if (Scd4xDriver.isValidCo2(m.co2Ppm())) {
                    sink.sample(Sample.checked(id, Quantity.CO2, now, m.co2Ppm(), Quality.OK));
                } else {
                    sink.sample(new Sample(id, Quantity.CO2, now, 0, Quality.SENSOR_FAULT));
                    sink.fault(label().invalidValue("CO2 = 0 ppm (the sensor is not measuring CO2 correctly)"));
                }
                sink.sample(Sample.checked(id, Quantity.TEMPERATURE, now, m.temperatureC(), Quality.OK));
                sink.sample(Sample.checked(id, Quantity.RELATIVE_HUMIDITY, now, m.humidityPercent(), Quality.OK));
                return interval().minus(COMMAND_TIME.multipliedBy(2));
            }
            default -> throw new IllegalStateException(state.name());
        }
    }
}
