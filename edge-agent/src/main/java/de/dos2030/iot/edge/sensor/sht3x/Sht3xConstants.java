package de.dos2030.iot.edge.sensor.sht3x;

import java.time.Duration;

/** SHT30/31/35 commands and timings (Sensirion SHT3x-DIS datasheet, section 4). */
public final class Sht3xConstants {

    private Sht3xConstants() {}

    /** Single shot, high repeatability, clock stretching disabled: the chip NACKs its address until done. */
    public static final int MEASURE_HIGH_REPEATABILITY = 0x2400;
    /** Answers the 32-bit serial as two words (clock stretching disabled). */
    public static final int READ_SERIAL_NUMBER = 0x3780;

    public static final int SOFT_RESET = 0x30A2;

    /** Datasheet maximum for high repeatability is 15 ms (15.5 ms in early revisions); 16 ms leaves margin. */
    public static final Duration MEASURE_TIME = Duration.ofMillis(16);
    /** Soft reset: 1.5 ms maximum. */
    public static final Duration RESET_TIME = Duration.ofMillis(2);

    public static final Duration SERIAL_TIME = Duration.ofMillis(1);

    /** T = -45 + 175 * S / 65535 degC. */
    public static double temperatureC(int raw) {
        return -45.0 + 175.0 * raw / 65535.0;
    }

    /** RH = 100 * S / 65535 %. */
    public static double humidityPercent(int raw) {
        return 100.0 * raw / 65535.0;
    }
}
