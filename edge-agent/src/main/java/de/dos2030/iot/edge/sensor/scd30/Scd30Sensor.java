package de.dos2030.iot.edge.sensor.scd30;

import static de.dos2030.iot.edge.sensor.scd30.Scd30Constants.*;

import de.dos2030.iot.edge.sensor.SensorException;
import de.dos2030.iot.edge.sensor.SensorLabel;
import de.dos2030.iot.edge.sensor.sensirion.PeriodicMeasurementSensor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SCD30 on Sensirion's periodic measurement loop ({@link PeriodicMeasurementSensor}): its start-up
 * stops a running measurement, reads the firmware version (the chip's identity: it has no serial
 * number command in its interface description) and brings the measurement interval, temperature
 * offset and altitude to the configured values; then continuous measurement.
 *
 * <p>The interval, offset and altitude live in the chip's non-volatile memory, so each is read
 * first and written only when it differs: a restart every few minutes (a flaky cable) must not
 * wear the flash.
 */
public final class Scd30Sensor extends PeriodicMeasurementSensor {

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

    private enum StartUp {
        STOP,
        FIRMWARE_REQUEST,
        FIRMWARE_READ,
        SETTING_GET,
        SETTING_CHECK,
        DONE
    }

    private final Scd30Driver driver;
    private final List<Setting> settings = new ArrayList<>();
    private StartUp startUp = StartUp.STOP;
    private int setting;

    public Scd30Sensor(Scd30Driver driver, Settings config) {
        super(
                new Loop(GET_DATA_READY, READ_MEASUREMENT, COMMAND_TIME, "continuous"),
                Duration.ofSeconds(config.intervalS()));
        this.driver = driver;
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
    protected void restartStartUp() {
        startUp = StartUp.STOP;
    }

    @Override
    protected Optional<Duration> startUp(Instant now) throws SensorException {
        switch (startUp) {
            case STOP -> {
                driver.send(STOP_CONTINUOUS_MEASUREMENT);
                startUp = StartUp.FIRMWARE_REQUEST;
                return Optional.of(COMMAND_TIME);
            }
            case FIRMWARE_REQUEST -> {
                driver.send(READ_FIRMWARE_VERSION);
                startUp = StartUp.FIRMWARE_READ;
                return Optional.of(COMMAND_TIME);
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
                identify("firmware " + found);
                setting = 0;
                startUp = StartUp.SETTING_GET;
                return Optional.of(Duration.ZERO);
            }
            case SETTING_GET -> {
                driver.send(settings.get(setting).command());
                startUp = StartUp.SETTING_CHECK;
                return Optional.of(COMMAND_TIME);
            }
            case SETTING_CHECK -> {
                Setting s = settings.get(setting);
                boolean differs = driver.readWords(1, "get " + s.name())[0] != s.value();
                if (differs) driver.send(s.command(), s.value());
                setting++;
                startUp = setting < settings.size() ? StartUp.SETTING_GET : StartUp.DONE;
                return Optional.of(differs ? COMMAND_TIME : Duration.ZERO);
            }
            case DONE -> {
                return Optional.empty();
            }
            default -> throw new IllegalStateException(startUp.name());
        }
    }

    @Override
    protected void startMeasurement() throws SensorException {
        driver.send(START_CONTINUOUS_MEASUREMENT, 0); // 0: compensate by the altitude
    }

    @Override
    protected void send(int command) throws SensorException {
        driver.send(command);
    }

    @Override
    protected boolean readDataReady() throws SensorException {
        return driver.readDataReady();
    }

    @Override
    protected Reading readMeasurement() throws SensorException {
        Scd30Driver.Measurement m = driver.readMeasurement();
        return new Reading(m.co2Ppm(), m.temperatureC(), m.humidityPercent());
    }
}
