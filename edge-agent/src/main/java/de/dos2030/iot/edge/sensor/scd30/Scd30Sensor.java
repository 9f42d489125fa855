package de.dos2030.iot.edge.sensor.scd30;

import static de.dos2030.iot.edge.sensor.scd30.Scd30Constants.*;

import de.dos2030.iot.edge.sample.FaultKind;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sensor.SampleSink;
import de.dos2030.iot.edge.sensor.SensorException;
import de.dos2030.iot.edge.sensor.SensorLabel;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SCD30 as a schedulable state machine: stop a running measurement, read the firmware version
 * (the chip's identity: it has no serial number command in its interface description), bring the
 * measurement interval, temperature offset and altitude to the configured values, start continuous
 * measurement, then every interval ask whether data are ready and read them.
 *
 * <p>The interval, offset and altitude live in the chip's non-volatile memory, so each is read
 * first and written only when it differs: a restart every few minutes (a flaky cable) must not
 * wear the flash. Nothing waits in a thread: each wait is a returned delay.
 */
public final class Scd30Sensor implements Acquisition {

    /**
     * @param intervalS          measurement interval, 2-1800 s
     * @param temperatureOffsetC self-heating to subtract, 0-20 degC; empty keeps the chip's
     * @param altitudeM          site altitude for the CO2 pressure compensation, 0-3000 m; empty keeps the chip's
     * @throws IllegalArgumentException for a value the chip cannot take
     */
    public record Settings(int intervalS, Optional<Double> temperatureOffsetC, Optional<Integer> altitudeM) {
        public Settings {
            if (intervalS < MIN_INTERVAL_S || intervalS > MAX_INTERVAL_S) {
                throw new IllegalArgumentException("measurement interval " + intervalS + " s is outside the SCD30's "
                        + MIN_INTERVAL_S + "-" + MAX_INTERVAL_S + " s");
            }
            temperatureOffsetC
                    .filter(t -> !(t >= 0 && t <= MAX_TEMPERATURE_OFFSET_C))
                    .ifPresent(t -> {
                        throw new IllegalArgumentException("temperature offset " + t + " degC is outside 0-"
                                + MAX_TEMPERATURE_OFFSET_C + " degC: the SCD30 can only subtract self-heating");
                    });
            altitudeM.filter(a -> a < 0 || a > 3000).ifPresent(a -> {
                throw new IllegalArgumentException("altitude " + a + " m is outside 0-3000 m");
            });
        }

        public static Settings every(int intervalS) {
            return new Settings(intervalS, Optional.empty(), Optional.empty());
        }
    }

    /** A value kept in the chip that the configuration decides. */
    private record Setting(int command, int value, String name) {}

    private enum State {
        STOP,
        FIRMWARE_REQUEST,
        FIRMWARE_READ,
        SETTING_GET,
        SETTING_CHECK,
        START,
        READY_REQUEST,
        READY_READ,
        MEASUREMENT_READ
    }

    private final Scd30Driver driver;
    private final Duration interval;
    private final List<Setting> settings = new ArrayList<>();
    private State state = State.STOP;
    private int setting;
    private String identity;
    private Instant lastData;

    public Scd30Sensor(Scd30Driver driver, Settings config) {
        this.driver = driver;
        this.interval = Duration.ofSeconds(config.intervalS());
        settings.add(new Setting(MEASUREMENT_INTERVAL, config.intervalS(), "measurement_interval"));
        config.temperatureOffsetC()
                .ifPresent(t ->
                        settings.add(new Setting(TEMPERATURE_OFFSET, temperatureOffsetTicks(t), "temperature_offset")));
        config.altitudeM().ifPresent(a -> settings.add(new Setting(ALTITUDE_COMPENSATION, a, "altitude_compensation")));
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
        lastData = null;
    }

    @Override
    public Duration step(Instant now, SampleSink sink) throws SensorException {
        switch (state) {
            case STOP -> {
                driver.send(STOP_CONTINUOUS_MEASUREMENT);
                state = State.FIRMWARE_REQUEST;
                return COMMAND_TIME;
            }
            case FIRMWARE_REQUEST -> {
                driver.send(READ_FIRMWARE_VERSION);
                state = State.FIRMWARE_READ;
                return COMMAND_TIME;
            }
            case FIRMWARE_READ -> {
                int version = driver.readFirmwareVersion();
                String found = (version >> 8) + "." + (version & 0xFF);
                if (version >> 8 != FIRMWARE_MAJOR) {
                    throw label().wrongId(
                                    "firmware version",
                                    found,
                                    FIRMWARE_MAJOR + ".x",
                                    "another chip answers at this address: check the wiring and the driver in the configuration");
                }
                identity = "firmware " + found;
                setting = 0;
                state = State.SETTING_GET;
                return Duration.ZERO;
            }
            case SETTING_GET -> {
                driver.send(settings.get(setting).command());
                state = State.SETTING_CHECK;
                return COMMAND_TIME;
            }
            case SETTING_CHECK -> {
                Setting s = settings.get(setting);
                boolean differs = driver.readWords(1, "get " + s.name())[0] != s.value();
                if (differs) driver.send(s.command(), s.value());
                setting++;
                state = setting < settings.size() ? State.SETTING_GET : State.START;
                return differs ? COMMAND_TIME : Duration.ZERO;
            }
            case START -> {
                driver.send(START_CONTINUOUS_MEASUREMENT, 0); // 0: compensate by the altitude
                lastData = now;
                state = State.READY_REQUEST;
                return interval;
            }
            case READY_REQUEST -> {
                driver.send(GET_DATA_READY);
                state = State.READY_READ;
                return COMMAND_TIME;
            }
            case READY_READ -> {
                if (driver.readDataReady()) {
                    driver.send(READ_MEASUREMENT);
                    state = State.MEASUREMENT_READ;
                    return COMMAND_TIME;
                }
                if (Duration.between(lastData, now).compareTo(interval.multipliedBy(3)) > 0) {
                    throw label().timeout("no measurement for "
                            + Duration.between(lastData, now).toSeconds()
                            + " s in continuous mode: restarting measurement");
                }
                state = State.READY_REQUEST;
                return interval.dividedBy(10);
            }
            case MEASUREMENT_READ -> {
                state = State.READY_REQUEST;
                Duration next = interval.minus(COMMAND_TIME.multipliedBy(2));
                Scd30Driver.Measurement m;
                try {
                    m = driver.readMeasurement();
                } catch (SensorException e) {
                    if (e.kind() != FaultKind.CRC_MISMATCH) throw e;
                    sink.fault(e); // one corrupted frame: drop it, keep measuring
                    return next;
                }
                lastData = now;
                deliver(m, now, sink);
                return next;
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void deliver(Scd30Driver.Measurement m, Instant now, SampleSink sink) {
        String id = label().sensorId();
        if (Scd30Driver.isValidCo2(m.co2Ppm())) {
            sink.sample(Sample.checked(id, Quantity.CO2, now, m.co2Ppm(), Quality.OK));
        } else {
            sink.sample(new Sample(
                    id, Quantity.CO2, now, Float.isFinite(m.co2Ppm()) ? m.co2Ppm() : 0, Quality.SENSOR_FAULT));
            sink.fault(
                    label().invalidValue("CO2 = " + m.co2Ppm() + " ppm (the sensor is not measuring CO2 correctly)"));
        }
        deliver(id, Quantity.TEMPERATURE, m.temperatureC(), now, sink);
        deliver(id, Quantity.RELATIVE_HUMIDITY, m.humidityPercent(), now, sink);
    }

    private void deliver(String id, Quantity q, float value, Instant now, SampleSink sink) {
        if (Scd30Driver.isValid(value)) {
            sink.sample(Sample.checked(id, q, now, value, Quality.OK));
        } else {
            sink.fault(label().invalidValue(q.wireName() + " = " + value));
        }
    }
}
