package de.dos2030.iot.edge.sim.chip;

import static de.dos2030.iot.edge.sensor.adxl355.Adxl355Constants.*;

import de.dos2030.iot.edge.sim.AccelerationSignal;
import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.SimI2cChip;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * A simulated ADXL355: ids, reset, range, ODR, standby/measure, data registers, temperature,
 * and a 96-entry FIFO filled at the output data rate on the virtual clock (x entries carry the
 * x marker; a full FIFO drops new sets and sets FIFO_OVR, as the chip does).
 */
public final class SimAdxl355 implements SimI2cChip {

    private final Clock clock;
    private final ChipFaults faults;
    private final AccelerationSignal signal;
    private final DoubleSupplier temperatureC;
    private final int[] fifo = new int[FIFO_CAPACITY_ENTRIES];
    private int fifoHead;
    private int fifoSize;
    private int pointer;
    private int range = 1;
    private int odr;
    private boolean measuring;
    private boolean overrun;
    private long ticks;
    private Instant epoch;
    private final int[] latest = new int[3];
    private final double[] xyz = new double[3];
    private final int partId;

    public SimAdxl355(Clock clock, ChipFaults faults, AccelerationSignal signal, DoubleSupplier temperatureC) {
        this(clock, faults, signal, temperatureC, PARTID);
    }

    /** @param partId what PARTID reads; anything but 0xED simulates a wrong chip at this address */
    public SimAdxl355(
            Clock clock, ChipFaults faults, AccelerationSignal signal, DoubleSupplier temperatureC, int partId) {
        this.clock = clock;
        this.faults = faults;
        this.signal = signal;
        this.temperatureC = temperatureC;
        this.partId = partId;
    }

    @Override
    public String name() {
        return "ADXL355";
    }

    @Override
    public ChipFaults faults() {
        return faults;
    }

    @Override
    public synchronized void onWrite(byte[] data) {
        advance(clock.instant());
        pointer = data[0] & 0xFF;
        if (data.length < 2) return;
        int value = data[1] & 0xFF;
        switch (pointer) {
            case REG_RESET -> {
                if (value == RESET_CODE) {
                    measuring = false;
                    range = 1;
                    odr = 0;
                    fifoSize = 0;
                    overrun = false;
                }
            }
            case REG_RANGE -> range = value & 0x03;
            case REG_FILTER -> odr = value & 0x0F;
            case REG_POWER_CTL -> {
                boolean measure = (value & POWER_STANDBY) == 0;
                if (measure && !measuring) {
                    epoch = clock.instant();
                    ticks = 0;
                }
                measuring = measure;
            }
            default -> {}
        }
    }

    @Override
    public synchronized void onRead(byte[] buffer) {
        advance(clock.instant());
        if (pointer == REG_FIFO_DATA) {
            for (int i = 0; i + 2 < buffer.length; i += 3) {
                int entry = fifoSize == 0 ? FIFO_EMPTY : pop();
                buffer[i] = (byte) (entry >> 16);
                buffer[i + 1] = (byte) (entry >> 8);
                buffer[i + 2] = (byte) entry;
            }
            return;
        }
        for (int i = 0; i < buffer.length; i++) buffer[i] = (byte) register(pointer + i);
        if (pointer <= REG_STATUS && pointer + buffer.length > REG_STATUS)
            overrun = false; // reading STATUS clears FIFO_OVR
    }

    private int register(int reg) {
        return switch (reg) {
            case REG_DEVID_AD -> DEVID_AD;
            case REG_DEVID_MST -> DEVID_MST;
            case REG_PARTID -> partId;
            case REG_REVID -> 0x01;
            case REG_STATUS ->
                (fifoSize > 0 ? STATUS_DATA_RDY : 0)
                        | (fifoSize == FIFO_CAPACITY_ENTRIES ? STATUS_FIFO_FULL : 0)
                        | (overrun ? STATUS_FIFO_OVR : 0);
            case REG_FIFO_ENTRIES -> fifoSize;
            case REG_TEMP2 -> (temperatureRaw() >> 8) & 0x0F;
            case REG_TEMP2 + 1 -> temperatureRaw() & 0xFF;
            case REG_RANGE -> RANGE_RESET_BITS | range;
            case REG_FILTER -> odr;
            case REG_POWER_CTL -> measuring ? POWER_MEASURE : POWER_STANDBY;
            default -> {
                if (reg >= REG_XDATA3 && reg < REG_XDATA3 + 9) {
                    int axis = (reg - REG_XDATA3) / 3;
                    int word = latest[axis] << 4;
                    yield (word >> (8 * (2 - (reg - REG_XDATA3) % 3))) & 0xFF;
                }
                yield 0;
            }
        };
    }

    private int temperatureRaw() {
        return (int) Math.round(1885 - 9.05 * (temperatureC.getAsDouble() - 25.0));
    }

    /** Produces every sample due between the last call and {@code now}. */
    private void advance(Instant now) {
        if (!measuring || epoch == null) return;
        long period = periodNanos(odr);
        long due = Duration.between(epoch, now).toNanos() / period;
        double lsb = lsbPerG(range);
        long full = (1 << 19) - 1;
        for (; ticks < due; ticks++) {
            if (!faults.stuck()) {
                signal.accelerationG(epoch.plusNanos((ticks + 1) * period), xyz);
                for (int a = 0; a < 3; a++)
                    latest[a] = (int) Math.max(-full - 1, Math.min(full, Math.round(xyz[a] * lsb)));
            }
            if (fifoSize + 3 > FIFO_CAPACITY_ENTRIES) {
                overrun = true;
                continue;
            }
            push(((latest[0] & 0xFFFFF) << 4) | FIFO_X_MARKER);
            push((latest[1] & 0xFFFFF) << 4);
            push((latest[2] & 0xFFFFF) << 4);
        }
    }

    private void push(int entry) {
        fifo[(fifoHead + fifoSize) % fifo.length] = entry;
        fifoSize++;
    }

    private int pop() {
        int entry = fifo[fifoHead];
        fifoHead = (fifoHead + 1) % fifo.length;
        fifoSize--;
        return entry;
    }
}
