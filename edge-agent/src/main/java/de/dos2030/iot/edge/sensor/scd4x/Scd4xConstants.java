package de.dos2030.iot.edge.sensor.scd4x;

import java.time.Duration;

/** SCD40/SCD41 commands and timings (Sensirion SCD4x datasheet, section 3). */
public final class Scd4xConstants {

    private Scd4xConstants() {}

    public static final int START_PERIODIC_MEASUREMENT = 0x21B1;
    public static final int START_LOW_POWER_PERIODIC_MEASUREMENT = 0x21AC;
    public static final int READ_MEASUREMENT = 0xEC05;
    public static final int STOP_PERIODIC_MEASUREMENT = 0x3F86;
    public static final int GET_DATA_READY_STATUS = 0xE4B8;
    public static final int SET_TEMPERATURE_OFFSET = 0x241D;
    public static final int GET_TEMPERATURE_OFFSET = 0x2318;
    /** Argument: altitude above sea level in m (0-3000); idle mode only; used while no ambient pressure is set. */
    public static final int SET_SENSOR_ALTITUDE = 0x2427;

    public static final int GET_SENSOR_ALTITUDE = 0x2322;
    public static final int SET_AMBIENT_PRESSURE = 0xE000;
    public static final int PERFORM_FORCED_RECALIBRATION = 0x362F;
    public static final int GET_SERIAL_NUMBER = 0x3682;
    public static final int PERFORM_SELF_TEST = 0x3639;
    public static final int MEASURE_SINGLE_SHOT = 0x219D;
    /** Upper four bits of the answer: 0 = SCD40, 1 = SCD41, 5 = SCD43 (datasheet 2023+). */
    public static final int GET_SENSOR_VARIANT = 0x202F;

    /** Factory setting of the temperature offset (datasheet: 4 degC). */
    public static final double DEFAULT_TEMPERATURE_OFFSET_C = 4.0;
    /** Temperature offsets the datasheet recommends setting (the chip can only subtract). */
    public static final double MAX_TEMPERATURE_OFFSET_C = 20.0;

    public static final int MAX_ALTITUDE_M = 3000;

    public static final int DATA_READY_MASK = 0x07FF;
    public static final int FRC_FAILED = 0xFFFF;

    public static final Duration COMMAND_TIME = Duration.ofMillis(1);
    public static final Duration STOP_TIME = Duration.ofMillis(500);
    public static final Duration FRC_TIME = Duration.ofMillis(400);
    public static final Duration SELF_TEST_TIME = Duration.ofSeconds(10);
    public static final Duration PERIODIC_INTERVAL = Duration.ofSeconds(5);
    public static final Duration LOW_POWER_INTERVAL = Duration.ofSeconds(30);
    public static final Duration SINGLE_SHOT_TIME = Duration.ofMillis(5000);

    /** T = -45 + 175 * raw / 65535 degC. */
    public static double temperatureC(int raw) {
        return -45.0 + 175.0 * raw / 65535.0;
    }

    /** RH = 100 * raw / 65535 %. */
    public static double humidityPercent(int raw) {
        return 100.0 * raw / 65535.0;
    }

    /** set_temperature_offset argument: offset * 65535 / 175 (datasheet example: 5.4 degC = 0x07E6). */
    public static int temperatureOffsetWord(double offsetC) {
        return (int) Math.round(offsetC * 65535.0 / 175.0);
    }

    /** Inverse of {@link #temperatureOffsetWord(double)}. */
    public static double temperatureOffsetC(int word) {
        return word * 175.0 / 65535.0;
    }

    public static String variantName(int variantWord) {
        return switch ((variantWord >> 12) & 0xF) {
            case 0 -> "SCD40";
            case 1 -> "SCD41";
            case 5 -> "SCD43";
            default -> String.format("unknown variant 0x%X", (variantWord >> 12) & 0xF);
        };
    }
}
