package de.dos2030.iot.edge.sensor.adxl355;

import java.time.Duration;

/** ADXL354/355 register map and scale factors (Analog Devices ADXL355 datasheet Rev. A, tables 9-43). */
public final class Adxl355Constants {

    private Adxl355Constants() {}

    /** SPI mode 0 (CPOL = 0, CPHA = 0). */
    public static final int SPI_MODE = 0;

    public static final int REG_DEVID_AD = 0x00;
    public static final int REG_DEVID_MST = 0x01;
    public static final int REG_PARTID = 0x02;
    public static final int REG_REVID = 0x03;
    public static final int REG_STATUS = 0x04;
    public static final int REG_FIFO_ENTRIES = 0x05;
    public static final int REG_TEMP2 = 0x06;
    public static final int REG_XDATA3 = 0x08;
    public static final int REG_FIFO_DATA = 0x11;
    public static final int REG_FILTER = 0x28;
    public static final int REG_RANGE = 0x2C;
    public static final int REG_POWER_CTL = 0x2D;
    public static final int REG_RESET = 0x2F;

    public static final int DEVID_AD = 0xAD;
    public static final int DEVID_MST = 0x1D;
    public static final int PARTID = 0xED;
    public static final int RESET_CODE = 0x52;

    public static final int STATUS_DATA_RDY = 0x01;
    public static final int STATUS_FIFO_FULL = 0x02;
    public static final int STATUS_FIFO_OVR = 0x04;

    /** FIFO entry: bit 0 marks an x-axis entry, bit 1 an empty FIFO. */
    public static final int FIFO_X_MARKER = 0x01;

    public static final int FIFO_EMPTY = 0x02;
    /** 96 entries = 32 x/y/z samples. */
    public static final int FIFO_CAPACITY_ENTRIES = 96;

    /** POWER_CTL: bit 0 standby; 0 = measure with temperature and DRDY on. */
    public static final int POWER_MEASURE = 0x00;

    public static final int POWER_STANDBY = 0x01;

    /** RANGE bits 1:0 = 1/2/3 for +-2/4/8 g; bit 7 (I2C high speed) kept at its reset value. */
    public static final int RANGE_RESET_BITS = 0x80;

    public static final Duration RESET_TIME = Duration.ofMillis(5);

    /** Nominal sensitivity: 256000 LSB/g at +-2 g, halving per range step. */
    public static double lsbPerG(int rangeCode) {
        return switch (rangeCode) {
            case 1 -> 256_000.0;
            case 2 -> 128_000.0;
            case 3 -> 64_000.0;
            default -> throw new IllegalArgumentException("range code must be 1..3: " + rangeCode);
        };
    }

    /** Range code for a full scale of +-2, 4 or 8 g. */
    public static int rangeCode(int fullScaleG) {
        return switch (fullScaleG) {
            case 2 -> 1;
            case 4 -> 2;
            case 8 -> 3;
            default -> throw new IllegalArgumentException("ADXL355 range must be 2, 4 or 8 g: " + fullScaleG);
        };
    }

    /** FILTER ODR code 0..10: 4000 Hz / 2^code. */
    public static double outputDataRateHz(int odrCode) {
        if (odrCode < 0 || odrCode > 10) throw new IllegalArgumentException("ODR code must be 0..10: " + odrCode);
        return 4000.0 / (1 << odrCode);
    }

    /** Sample period in nanoseconds for an ODR code (exact: 250 us * 2^code). */
    public static long periodNanos(int odrCode) {
        return 250_000L << odrCode;
    }

    /** Smallest ODR code whose rate is at least {@code hz} (the chip's rates are 4000 / 2^n). */
    public static int odrCodeFor(double hz) {
        for (int code = 10; code >= 0; code--) {
            if (outputDataRateHz(code) >= hz) return code;
        }
        throw new IllegalArgumentException("ADXL355 samples at most 4000 Hz: " + hz);
    }

    /** Temperature: nominal 1885 LSB at 25 degC, -9.05 LSB/degC. */
    public static double temperatureC(int raw) {
        return (raw - 1885) / -9.05 + 25.0;
    }

    /** 20-bit two's complement from three data bytes, left-justified (low nibble of the last byte is not data). */
    public static int raw20(int b3, int b2, int b1) {
        int v = ((b3 & 0xFF) << 12) | ((b2 & 0xFF) << 4) | ((b1 & 0xFF) >> 4);
        return (v << 12) >> 12;
    }
}
