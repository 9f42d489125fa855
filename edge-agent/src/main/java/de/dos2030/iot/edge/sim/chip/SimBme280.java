package de.dos2030.iot.edge.sim.chip;

import static de.dos2030.iot.edge.sensor.bme280.Bme280Constants.*;

import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.sensor.bme280.Bme280Calibration;
import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.EnvironmentSignal;
import de.dos2030.iot.edge.sim.SimI2cChip;
import java.time.Clock;
import java.time.Instant;
import java.util.function.IntUnaryOperator;

/**
 * A simulated BME280 at register level: chip id, reset, NVM copy, calibration bytes, ctrl_hum
 * latched by the next ctrl_meas write (as on the chip), forced-mode conversions with the
 * measuring flag, skip sentinels for channels with oversampling "skip". Raw ADC values are found
 * by inverting Bosch's compensation for the physical values of the {@link EnvironmentSignal}.
 */
public final class SimBme280 implements SimI2cChip {

    /**
     * Trimming values: T and P from the worked example in Bosch's BMP280 datasheet (section 3.12),
     * H from a production BME280.
     */
    public static final Bme280Calibration TYPICAL = new Bme280Calibration(
            27504, 26435, -1000, 36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000, 75, 362, 0, 313, 50, 30);

    private final Clock clock;
    private final ChipFaults faults;
    private final EnvironmentSignal air;
    private final Bme280Calibration calibration;
    private final int chipId;
    private final byte[] regs = new byte[256];
    private int pointer;
    private int ctrlHumPending;
    private int ctrlHumActive;
    private Instant measuringUntil = Instant.MIN;
    private Instant nvmUntil = Instant.MIN;
    private Instant conversionAt;
    private int[] rawOverride;

    public SimBme280(Clock clock, ChipFaults faults, EnvironmentSignal air, Bme280Calibration calibration, int chipId) {
        this.clock = clock;
        this.faults = faults;
        this.air = air;
        this.calibration = calibration;
        this.chipId = chipId;
        powerOn();
    }

    public SimBme280(Clock clock, ChipFaults faults, EnvironmentSignal air) {
        this(clock, faults, air, TYPICAL, CHIP_ID);
    }

    @Override
    public String name() {
        return chipId == CHIP_ID ? "BME280" : String.format("chip 0x%02X", chipId);
    }

    @Override
    public ChipFaults faults() {
        return faults;
    }

    /** Makes every following conversion report these raw ADC values (T, P, H), e.g. datasheet examples or sentinels. */
    public synchronized SimBme280 rawValues(int adcT, int adcP, int adcH) {
        rawOverride = new int[] {adcT, adcP, adcH};
        return this;
    }

    private void powerOn() {
        java.util.Arrays.fill(regs, (byte) 0);
        byte[][] cal = calibration.encode();
        System.arraycopy(cal[0], 0, regs, REG_CALIB_00, cal[0].length);
        System.arraycopy(cal[1], 0, regs, REG_CALIB_26, cal[1].length);
        regs[REG_CHIP_ID] = (byte) chipId;
        setData(SKIPPED_TP, SKIPPED_TP, SKIPPED_H);
        ctrlHumPending = 0;
        ctrlHumActive = 0;
    }

    @Override
    public synchronized void onWrite(byte[] data) throws BusException {
        if (data.length == 0) return;
        pointer = data[0] & 0xFF;
        Instant now = clock.instant();
        // In I2C write mode the chip takes register address / data pairs.
        for (int i = 0; i + 1 < data.length; i += 2) {
            writeRegister(data[i] & 0xFF, data[i + 1] & 0xFF, now);
        }
    }

    private void writeRegister(int reg, int value, Instant now) {
        switch (reg) {
            case REG_RESET -> {
                if (value == RESET_COMMAND) {
                    powerOn();
                    nvmUntil = now.plus(START_UP_TIME);
                }
            }
            case REG_CTRL_HUM -> ctrlHumPending = value & 0x07;
            case REG_CTRL_MEAS -> {
                regs[REG_CTRL_MEAS] = (byte) value;
                ctrlHumActive = ctrlHumPending;
                if ((value & 0x03) == MODE_FORCED || (value & 0x03) == 0b10) {
                    measuringUntil = now.plusNanos(9_300_000);
                    conversionAt = measuringUntil;
                }
            }
            case REG_CONFIG -> regs[REG_CONFIG] = (byte) value;
            default -> {} // read-only registers ignore writes
        }
        regs[REG_CTRL_HUM] = (byte) ctrlHumPending;
    }

    @Override
    public synchronized void onRead(byte[] buffer) {
        Instant now = clock.instant();
        completeConversion(now);
        regs[REG_STATUS] = (byte) ((now.isBefore(measuringUntil) ? STATUS_MEASURING : 0)
                | (now.isBefore(nvmUntil) ? STATUS_IM_UPDATE : 0));
        for (int i = 0; i < buffer.length; i++) buffer[i] = regs[(pointer + i) & 0xFF];
    }

    private void completeConversion(Instant now) {
        if (conversionAt == null || now.isBefore(conversionAt)) return;
        Instant at = conversionAt;
        conversionAt = null;
        regs[REG_CTRL_MEAS] = (byte) (regs[REG_CTRL_MEAS] & ~0x03); // forced mode returns to sleep
        if (faults.stuck()) return;
        int ctrlMeas = regs[REG_CTRL_MEAS] & 0xFF;
        int[] raw = rawOverride != null
                ? rawOverride.clone()
                : rawFor(air.temperatureC(at), air.pressureHpa(at), air.relativeHumidityPercent(at));
        if (((ctrlMeas >> 5) & 0x07) == 0) raw[0] = SKIPPED_TP;
        if (((ctrlMeas >> 2) & 0x07) == 0) raw[1] = SKIPPED_TP;
        if (ctrlHumActive == 0) raw[2] = SKIPPED_H;
        setData(raw[0], raw[1], raw[2]);
    }

    private void setData(int adcT, int adcP, int adcH) {
        regs[REG_DATA] = (byte) (adcP >> 12);
        regs[REG_DATA + 1] = (byte) (adcP >> 4);
        regs[REG_DATA + 2] = (byte) ((adcP & 0x0F) << 4);
        regs[REG_DATA + 3] = (byte) (adcT >> 12);
        regs[REG_DATA + 4] = (byte) (adcT >> 4);
        regs[REG_DATA + 5] = (byte) ((adcT & 0x0F) << 4);
        regs[REG_DATA + 6] = (byte) (adcH >> 8);
        regs[REG_DATA + 7] = (byte) adcH;
    }

    /** Raw ADC values whose compensation gives these physical values (binary search: compensation is monotonic). */
    int[] rawFor(double temperatureC, double pressureHpa, double humidityPercent) {
        int adcT = search(0, (1 << 20) - 1, a -> Double.compare(calibration.temperatureC(a), temperatureC));
        int tFine = calibration.tFine(adcT);
        int adcP = search(0, (1 << 20) - 1, a -> Double.compare(pressureHpa * 100.0, calibration.pressurePa(a, tFine)));
        int adcH = search(0, 0xFFFF, a -> Double.compare(calibration.humidityPercent(a, tFine), humidityPercent));
        return new int[] {adcT, adcP, adcH};
    }

    /** Smallest value in [lo, hi] where {@code cmp} is >= 0 (cmp must be non-decreasing). */
    private static int search(int lo, int hi, IntUnaryOperator cmp) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cmp.applyAsInt(mid) >= 0) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }
}
