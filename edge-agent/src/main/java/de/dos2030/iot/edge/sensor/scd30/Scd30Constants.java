package de.dos2030.iot.edge.sensor.scd30;

import java.time.Duration;

/**
 * SCD30 commands and timings (Sensirion "Interface Description Sensirion SCD30 Sensor Module",
 * section 1.4). A command with an argument sets a value; the same command without one, followed by
 * a read, gets it.
 */
public final class Scd30Constants {

    private Scd30Constants() {}

    /** Argument: ambient pressure in mbar (700-1400), or 0 to compensate by the altitude instead. */
    public static final int START_CONTINUOUS_MEASUREMENT = 0x0010;

    public static final int STOP_CONTINUOUS_MEASUREMENT = 0x0104;
    /** Measurement interval in s, 2-1800; kept in non-volatile memory. */
    public static final int MEASUREMENT_INTERVAL = 0x4600;
    /** Answers 1 when a measurement can be read, 0 otherwise. */
    public static final int GET_DATA_READY = 0x0202;
    /** 6 words: CO2 ppm, T degC, RH % as big-endian IEEE-754 floats, each split in two CRC'd words. */
    public static final int READ_MEASUREMENT = 0x0300;

    public static final int AUTOMATIC_SELF_CALIBRATION = 0x5306;
    public static final int FORCED_RECALIBRATION = 0x5204;
    /** Temperature offset in ticks of 0.01 degC (the chip subtracts it); kept in non-volatile memory. */
    public static final int TEMPERATURE_OFFSET = 0x5403;
    /** Altitude above sea level in m; kept in non-volatile memory; ignored while a pressure is set. */
    public static final int ALTITUDE_COMPENSATION = 0x5102;
    /** Major version in the high byte, minor in the low byte (e.g. 0x0342 = 3.66). */
    public static final int READ_FIRMWARE_VERSION = 0xD100;

    public static final int SOFT_RESET = 0xD304;

    /** Every SCD30 firmware released so far is 3.x; another major version is not an SCD30. */
    public static final int FIRMWARE_MAJOR = 3;

    /** The interface description asks for at least 3 ms between a command and reading its answer. */
    public static final Duration COMMAND_TIME = Duration.ofMillis(3);
    /** Longest clock stretch the chip does (while its own measurement runs). */
    public static final Duration MAX_CLOCK_STRETCH = Duration.ofMillis(150);

    public static final int MIN_INTERVAL_S = 2;
    public static final int MAX_INTERVAL_S = 1800;
    /** Offsets accepted from the configuration (the chip can only subtract self-heating). */
    public static final double MAX_TEMPERATURE_OFFSET_C = 20.0;

    /** The float carried by two data words (high word first). */
    public static float floatOf(int highWord, int lowWord) {
        return Float.intBitsToFloat((highWord << 16) | (lowWord & 0xFFFF));
    }

    /** Temperature offset argument: ticks of 0.01 degC. */
    public static int temperatureOffsetTicks(double offsetC) {
        return (int) Math.round(offsetC * 100.0);
    }
}
