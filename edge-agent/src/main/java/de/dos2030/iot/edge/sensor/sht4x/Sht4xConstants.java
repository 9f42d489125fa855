package de.dos2030.iot.edge.sensor.sht4x;

import java.time.Duration;

/** SHT40/41/45 one-byte commands and timings (Sensirion SHT4x datasheet, section 4). */
public final class Sht4xConstants {

    private Sht4xConstants() {}

    public static final int MEASURE_HIGH_PRECISION = 0xFD;
    public static final int READ_SERIAL_NUMBER = 0x89;
    public static final int SOFT_RESET = 0x94;

    /** Datasheet maximum 8.3 ms for high precision; 9 ms leaves margin. */
    public static final Duration MEASURE_TIME = Duration.ofMillis(9);

    public static final Duration SERIAL_TIME = Duration.ofMillis(1);
    public static final Duration RESET_TIME = Duration.ofMillis(1);

    /** T = -45 + 175 * S / 65535 degC. */
    public static double temperatureC(int raw) {
        return -45.0 + 175.0 * raw / 65535.0;
    }

    /** RH = -6 + 125 * S / 65535 %, unclamped (the caller flags values outside 0..100). */
    public static double humidityRaw(int raw) {
        return -6.0 + 125.0 * raw / 65535.0;
    }
}
