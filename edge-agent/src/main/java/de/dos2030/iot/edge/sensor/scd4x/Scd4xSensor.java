package de.dos2030.iot.edge.sensor.scd4x;

import static de.dos2030.iot.edge.sensor.scd4x.Scd4xConstants.*;

import de.dos2030.iot.edge.sensor.SensorException;
import de.dos2030.iot.edge.sensor.SensorLabel;
import de.dos2030.iot.edge.sensor.sensirion.PeriodicMeasurementSensor;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * SCD4x on Sensirion's periodic measurement loop ({@link PeriodicMeasurementSensor}): its start-up
 * stops any running measurement (500 ms), reads serial and variant, optionally runs the 10 s
 * self-test, and sends the configured temperature offset and altitude (idle-mode commands, kept
 * in RAM only, so they are sent at every start and never wear the EEPROM); then periodic or
 * low-power periodic measurement.
 */
public final class Scd4xSensor extends PeriodicMeasurementSensor {

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

    private enum StartUp {
        STOP,
        SERIAL_REQUEST,
        SERIAL_READ,
        VARIANT_READ,
        SELF_TEST_READ,
        TEMPERATURE_OFFSET,
        ALTITUDE,
        DONE
    }

    private final Scd4xDriver driver;
    private final Settings settings;
    private StartUp startUp = StartUp.STOP;
    private String serial;

    public Scd4xSensor(Scd4xDriver driver, Settings settings) {
        super(
                new Loop(GET_DATA_READY_STATUS, READ_MEASUREMENT, COMMAND_TIME, "periodic"),
                settings.mode() == Mode.LOW_POWER ? LOW_POWER_INTERVAL : PERIODIC_INTERVAL);
        this.driver = driver;
        this.settings = settings;
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
                driver.send(STOP_PERIODIC_MEASUREMENT);
                startUp = StartUp.SERIAL_REQUEST;
                return Optional.of(STOP_TIME);
            }
            case SERIAL_REQUEST -> {
                driver.send(GET_SERIAL_NUMBER);
                startUp = StartUp.SERIAL_READ;
                return Optional.of(COMMAND_TIME);
            }
            case SERIAL_READ -> {
                serial = String.format("serial 0x%012X", driver.readSerialNumber());
                identify(serial);
                driver.send(GET_SENSOR_VARIANT);
                startUp = StartUp.VARIANT_READ;
                return Optional.of(COMMAND_TIME);
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
                identify(variant + " " + serial);
                if (settings.selfTestAtStart()) {
                    driver.send(PERFORM_SELF_TEST);
                    startUp = StartUp.SELF_TEST_READ;
                    return Optional.of(SELF_TEST_TIME);
                }
                startUp = StartUp.TEMPERATURE_OFFSET;
                return Optional.of(Duration.ZERO);
            }
            case SELF_TEST_READ -> {
                int result = driver.readWords(1, "perform_self_test")[0];
                if (result != 0)
                    throw label().selfTestFailed(String.format("perform_self_test returned 0x%04X", result));
                startUp = StartUp.TEMPERATURE_OFFSET;
                return Optional.of(Duration.ZERO);
            }
            case TEMPERATURE_OFFSET -> {
                startUp = StartUp.ALTITUDE;
                if (settings.temperatureOffsetC().isEmpty()) return Optional.of(Duration.ZERO);
                driver.send(
                        SET_TEMPERATURE_OFFSET,
                        temperatureOffsetWord(settings.temperatureOffsetC().get()));
                return Optional.of(COMMAND_TIME);
            }
            case ALTITUDE -> {
                startUp = StartUp.DONE;
                if (settings.altitudeM().isEmpty()) return Optional.of(Duration.ZERO);
                driver.send(SET_SENSOR_ALTITUDE, settings.altitudeM().get());
                return Optional.of(COMMAND_TIME);
            }
            case DONE -> {
                return Optional.empty();
            }
            default -> throw new IllegalStateException(startUp.name());
        }
    }

    @Override
    protected void startMeasurement() throws SensorException {
        driver.send(
                settings.mode() == Mode.LOW_POWER ? START_LOW_POWER_PERIODIC_MEASUREMENT : START_PERIODIC_MEASUREMENT);
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
        Scd4xDriver.Measurement m = driver.readMeasurement();
        return new Reading(m.co2Ppm(), m.temperatureC(), m.humidityPercent());
    }
}
