package de.dos2030.iot.edge.sensor.bme280;

/**
 * The trimming parameters every BME280 carries, and Bosch's integer compensation
 * (datasheet 4.2.3, BME280_SensorAPI {@code compensate_*} with 64-bit pressure).
 * Immutable and thread-safe.
 */
public record Bme280Calibration(
        int t1,
        int t2,
        int t3,
        int p1,
        int p2,
        int p3,
        int p4,
        int p5,
        int p6,
        int p7,
        int p8,
        int p9,
        int h1,
        int h2,
        int h3,
        int h4,
        int h5,
        int h6) {

    /** Decodes 26 bytes from 0x88 and 7 bytes from 0xE1. */
    public static Bme280Calibration decode(byte[] calib00, byte[] calib26) {
        return new Bme280Calibration(
                u16(calib00, 0),
                s16(calib00, 2),
                s16(calib00, 4),
                u16(calib00, 6),
                s16(calib00, 8),
                s16(calib00, 10),
                s16(calib00, 12),
                s16(calib00, 14),
                s16(calib00, 16),
                s16(calib00, 18),
                s16(calib00, 20),
                s16(calib00, 22),
                calib00[25] & 0xFF,
                s16(calib26, 0),
                calib26[2] & 0xFF,
                (calib26[3] << 4) | (calib26[4] & 0x0F),
                (calib26[5] << 4) | ((calib26[4] & 0xFF) >> 4),
                calib26[6]);
    }

    /** The inverse of {@link #decode}: the register bytes a chip with these parameters holds. */
    public byte[][] encode() {
        byte[] a = new byte[26];
        int[] words = {t1, t2, t3, p1, p2, p3, p4, p5, p6, p7, p8, p9};
        for (int i = 0; i < words.length; i++) {
            a[2 * i] = (byte) words[i];
            a[2 * i + 1] = (byte) (words[i] >> 8);
        }
        a[25] = (byte) h1;
        byte[] b = {
            (byte) h2,
            (byte) (h2 >> 8),
            (byte) h3,
            (byte) (h4 >> 4),
            (byte) ((h4 & 0x0F) | ((h5 & 0x0F) << 4)),
            (byte) (h5 >> 4),
            (byte) h6
        };
        return new byte[][] {a, b};
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8);
    }

    private static int s16(byte[] b, int i) {
        return (short) u16(b, i);
    }

    /** Fine temperature, the input of pressure and humidity compensation. */
    public int tFine(int adcT) {
        int var1 = (((adcT >> 3) - (t1 << 1)) * t2) >> 11;
        int var2 = (((((adcT >> 4) - t1) * ((adcT >> 4) - t1)) >> 12) * t3) >> 14;
        return var1 + var2;
    }

    /** Temperature in degC (resolution 0.01). */
    public double temperatureC(int adcT) {
        return ((tFine(adcT) * 5 + 128) >> 8) / 100.0;
    }

    /** Pressure in Pa, or NaN if the calibration would divide by zero. */
    public double pressurePa(int adcP, int tFine) {
        long var1 = (long) tFine - 128000;
        long var2 = var1 * var1 * p6;
        var2 = var2 + ((var1 * p5) << 17);
        var2 = var2 + (((long) p4) << 35);
        var1 = ((var1 * var1 * p3) >> 8) + ((var1 * p2) << 12);
        var1 = (((1L << 47) + var1) * p1) >> 33;
        if (var1 == 0) return Double.NaN;
        long p = 1048576 - adcP;
        p = (((p << 31) - var2) * 3125) / var1;
        var1 = (((long) p9) * (p >> 13) * (p >> 13)) >> 25;
        var2 = (((long) p8) * p) >> 19;
        p = ((p + var1 + var2) >> 8) + (((long) p7) << 4);
        return p / 256.0;
    }

    /** Relative humidity in % (0..100, resolution 1/1024). */
    public double humidityPercent(int adcH, int tFine) {
        int v = tFine - 76800;
        v = (((((adcH << 14) - (h4 << 20) - (h5 * v)) + 16384) >> 15)
                * (((((((v * h6) >> 10) * (((v * h3) >> 11) + 32768)) >> 10) + 2097152) * h2 + 8192) >> 14));
        v = v - (((((v >> 15) * (v >> 15)) >> 7) * h1) >> 4);
        v = Math.max(0, Math.min(419430400, v));
        return (v >> 12) / 1024.0;
    }
}
