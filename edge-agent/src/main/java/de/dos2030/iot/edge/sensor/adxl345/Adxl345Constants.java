package de.dos2030.iot.edge.sensor.adxl345;

/** ADXL345 register map and scale factors (Analog Devices ADXL345 datasheet Rev. G, tables 19-21 and the FIFO section). */
public final class Adxl345Constants {

    private Adxl345Constants() {}

    /** SPI mode 3 (CPOL = 1, CPHA = 1), the only one the chip takes. */
    public static final int SPI_MODE = 3;

    public static final int REG_DEVID = 0x00;
    public static final int REG_BW_RATE = 0x2C;
    public static final int REG_POWER_CTL = 0x2D;
    public static final int REG_INT_SOURCE = 0x30;
    public static final int REG_DATA_FORMAT = 0x31;
    /** DATAX0..DATAZ1: x, y, z as 16-bit little-endian two's complement. */
    public static final int REG_DATAX0 = 0x32;

    public static final int REG_FIFO_CTL = 0x38;
    public static final int REG_FIFO_STATUS = 0x39;

    public static final int DEVID = 0xE5;

    /** POWER_CTL bit 3: measure (0 = standby). */
    public static final int POWER_MEASURE = 0x08;

    public static final int POWER_STANDBY = 0x00;
    /** DATA_FORMAT bit 3: full resolution, 4 mg/LSB at every range; bits 1:0 the range. */
    public static final int DATA_FORMAT_FULL_RES = 0x08;
    /** FIFO_CTL bits 7:6: 00 bypass (empties the FIFO), 10 stream (keeps the newest 32); bits 4:0 the watermark. */
    public static final int FIFO_MODE_BYPASS = 0x00;

    public static final int FIFO_MODE_STREAM = 0x80;
    public static final int FIFO_MODE_MASK = 0xC0;
    public static final int FIFO_ENTRIES_MASK = 0x3F;
    public static final int FIFO_CAPACITY = 32;
    /** INT_SOURCE bit 0: new data replaced unread data (cleared by reading the data registers). */
    public static final int INT_OVERRUN = 0x01;

    public static final int INT_WATERMARK = 0x02;
    public static final int INT_DATA_READY = 0x80;

    /** Full resolution: nominal 256 LSB/g (3.9 mg/LSB) whatever the range. */
    public static final double LSB_PER_G_FULL_RES = 256.0;

    /** DATA_FORMAT range code for a full scale of +-2, 4, 8 or 16 g. */
    public static int rangeCode(int fullScaleG) {
        return switch (fullScaleG) {
            case 2 -> 0;
            case 4 -> 1;
            case 8 -> 2;
            case 16 -> 3;
            default -> throw new IllegalArgumentException("ADXL345 range must be 2, 4, 8 or 16 g: " + fullScaleG);
        };
    }

    /** Bits of a full-resolution sample at a range code: 10 at +-2 g up to 13 at +-16 g. */
    public static int fullResolutionBits(int rangeCode) {
        return 10 + rangeCode;
    }

    /** BW_RATE code 0..15: 3200 Hz / 2^(15 - code), e.g. 0x0A = 100 Hz, 0x0D = 800 Hz. */
    public static double outputDataRateHz(int rateCode) {
        if (rateCode < 0 || rateCode > 15) throw new IllegalArgumentException("rate code must be 0..15: " + rateCode);
        return 3200.0 / (1 << (15 - rateCode));
    }

    /** Sample period in nanoseconds for a rate code (exact: 312.5 us * 2^(15 - code)). */
    public static long periodNanos(int rateCode) {
        return 312_500L << (15 - rateCode);
    }

    /** Smallest rate code whose rate is at least {@code hz}. */
    public static int rateCodeFor(double hz) {
        for (int code = 0; code <= 15; code++) {
            if (outputDataRateHz(code) >= hz) return code;
        }
        throw new IllegalArgumentException("ADXL345 samples at most 3200 Hz: " + hz);
    }

    /** A 16-bit little-endian two's complement value. */
    public static int raw16(byte lsb, byte msb) {
        return (short) (((msb & 0xFF) << 8) | (lsb & 0xFF));
    }
}
