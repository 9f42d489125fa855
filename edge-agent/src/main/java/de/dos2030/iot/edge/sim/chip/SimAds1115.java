package de.dos2030.iot.edge.sim.chip;

import static de.dos2030.iot.edge.sensor.ads1115.Ads1115Constants.*;

import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.SimI2cChip;
import de.dos2030.iot.edge.sim.VoltageSignal;
import java.time.Clock;
import java.time.Instant;

/**
 * A simulated ADS1115: pointer register, config (power-on 0x8583), single-shot and continuous
 * conversions taking one data-rate period on the virtual clock, OS bit low while converting,
 * results clamped at the PGA rails. Only AIN0-AIN1 carries the signal; other inputs read 0 V.
 */
public final class SimAds1115 implements SimI2cChip {

    private final Clock clock;
    private final ChipFaults faults;
    private final VoltageSignal input;
    private int pointer;
    private int config = CONFIG_RESET;
    private Instant convertingUntil = Instant.MIN;
    private int conversion;

    public SimAds1115(Clock clock, ChipFaults faults, VoltageSignal input) {
        this.clock = clock;
        this.faults = faults;
        this.input = input;
    }

    @Override
    public String name() {
        return "ADS1115";
    }

    @Override
    public ChipFaults faults() {
        return faults;
    }

    @Override
    public synchronized void onWrite(byte[] data) {
        pointer = data[0] & 0x03;
        if (data.length >= 3 && pointer == REG_CONFIG) {
            Instant now = clock.instant();
            int value = ((data[1] & 0xFF) << 8) | (data[2] & 0xFF);
            config = value & ~OS_START;
            boolean singleShot = (value & MODE_SINGLE_SHOT) != 0;
            if (!singleShot || (value & OS_START) != 0) {
                Instant done = now.plusNanos(1_000_000_000L / samplesPerSecond((config >> 5) & 0x07));
                convertingUntil = done;
                convertAt(done);
            }
        }
    }

    private void convertAt(Instant t) {
        if (faults.stuck()) return;
        double fsr = fullScaleVolts((config >> 9) & 0x07);
        double v = ((config >> 12) & 0x07) == MUX_AIN0_AIN1 ? input.volts(t) : 0.0;
        conversion = (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v / fsr * 32768.0)));
    }

    @Override
    public synchronized void onRead(byte[] buffer) {
        Instant now = clock.instant();
        boolean continuous = (config & MODE_SINGLE_SHOT) == 0;
        if (continuous && !now.isBefore(convertingUntil)) convertAt(now);
        int value = switch (pointer) {
            case REG_CONVERSION -> conversion & 0xFFFF;
            case REG_CONFIG -> config | (now.isBefore(convertingUntil) && !continuous ? 0 : OS_START);
            default -> 0;
        };
        for (int i = 0; i < buffer.length; i++) buffer[i] = (byte) (i == 0 ? value >> 8 : i == 1 ? value : 0xFF);
    }
}
