package de.dos2030.iot.edge.sensor.bme280;

import java.time.Duration;

/** BME280 registers and values (Bosch BME280 datasheet BST-BME280-DS002, section 5). */
public final class Bme280Constants {

    private Bme280Constants() {}

    /** SPI mode 0 (mode 3 works too: the chip detects it from SCK's idle level). */
    public static final int SPI_MODE = 0;

    public static final int REG_CALIB_00 = 0x88;
    public static final int CALIB_00_LENGTH = 26;
    public static final int REG_CHIP_ID = 0xD0;
    public static final int REG_RESET = 0xE0;
    public static final int REG_CALIB_26 = 0xE1;
    public static final int CALIB_26_LENGTH = 7;
    public static final int REG_CTRL_HUM = 0xF2;
    public static final int REG_STATUS = 0xF3;
    public static final int REG_CTRL_MEAS = 0xF4;
    public static final int REG_CONFIG = 0xF5;
    public static final int REG_DATA = 0xF7;
    public static final int DATA_LENGTH = 8;

    public static final int CHIP_ID = 0x60;
    /** Chip ids of look-alikes a technician may have mounted instead. */
    public static final int CHIP_ID_BMP280 = 0x58;

    public static final int CHIP_ID_BME680 = 0x61;
    public static final int RESET_COMMAND = 0xB6;

    public static final int STATUS_MEASURING = 0x08;
    public static final int STATUS_IM_UPDATE = 0x01;

    public static final int OVERSAMPLING_X1 = 0b001;
    public static final int MODE_SLEEP = 0b00;
    public static final int MODE_FORCED = 0b01;

    /** ctrl_meas for T x1, P x1, forced mode. */
    public static final int CTRL_MEAS_FORCED_X1 = (OVERSAMPLING_X1 << 5) | (OVERSAMPLING_X1 << 2) | MODE_FORCED;

    /** Skipped-measurement outputs: what the chip reports for a channel whose oversampling is "skip". */
    public static final int SKIPPED_TP = 0x80000;

    public static final int SKIPPED_H = 0x8000;

    public static final Duration START_UP_TIME = Duration.ofMillis(2);
    /** Datasheet appendix B: 1.25 + 2.3 + 2.875 + 2.875 ms = 9.3 ms at x1 oversampling. */
    public static final Duration FORCED_MEASUREMENT_TIME = Duration.ofMillis(10);
}
