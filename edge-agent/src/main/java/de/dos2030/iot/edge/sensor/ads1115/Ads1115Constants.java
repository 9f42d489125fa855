package de.dos2030.iot.edge.sensor.ads1115;

import java.time.Duration;

/** ADS1115 registers and config fields (TI ADS111x datasheet SBAS444, section 8.6). */
public final class Ads1115Constants {

    private Ads1115Constants() {}

    public static final int REG_CONVERSION = 0x00;
    public static final int REG_CONFIG = 0x01;

    public static final int CONFIG_RESET = 0x8583;
    public static final int OS_START = 0x8000;
    public static final int MUX_AIN0_AIN1 = 0b000;
    public static final int MODE_SINGLE_SHOT = 0x0100;
    public static final int COMP_DISABLE = 0b11;

    /** Full-scale ranges by PGA code 0..7 (codes 5-7 are all +-0.256 V). */
    private static final double[] FSR = {6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256};

    private static final int[] DATA_RATES = {8, 16, 32, 64, 128, 250, 475, 860};

    public static double fullScaleVolts(int pgaCode) {
        return FSR[pgaCode];
    }

    public static int samplesPerSecond(int drCode) {
        return DATA_RATES[drCode];
    }

    /** PGA code for a full scale given in volts (one of 6.144, 4.096, 2.048, 1.024, 0.512, 0.256). */
    public static int pgaCode(double fullScaleVolts) {
        for (int i = 0; i <= 5; i++) if (Math.abs(FSR[i] - fullScaleVolts) < 1e-9) return i;
        throw new IllegalArgumentException(
                "ADS1115 full scale must be 6.144, 4.096, 2.048, 1.024, 0.512 or 0.256 V: " + fullScaleVolts);
    }

    /** The slowest data rate of at least {@code sps}, or the fastest (860) if none is. */
    public static int slowestRateOfAtLeast(double sps) {
        for (int r : DATA_RATES) if (r >= sps) return r;
        return DATA_RATES[DATA_RATES.length - 1];
    }

    /** Data-rate code for a rate in samples per second (8 ... 860). */
    public static int dataRateCode(int sps) {
        for (int i = 0; i < DATA_RATES.length; i++) if (DATA_RATES[i] == sps) return i;
        throw new IllegalArgumentException(
                "ADS1115 data rate must be one of 8, 16, 32, 64, 128, 250, 475, 860 SPS: " + sps);
    }

    /** Single-shot conversion time: one data-rate period plus 10 % oscillator tolerance and wake-up. */
    public static Duration conversionTime(int drCode) {
        return Duration.ofNanos((long) (1.1e9 / DATA_RATES[drCode]) + 100_000);
    }

    /** Config word for a single-shot conversion of AIN0-AIN1, comparator off; OS not set. */
    public static int singleShotConfig(int pgaCode, int drCode) {
        return (MUX_AIN0_AIN1 << 12) | (pgaCode << 9) | MODE_SINGLE_SHOT | (drCode << 5) | COMP_DISABLE;
    }
}
