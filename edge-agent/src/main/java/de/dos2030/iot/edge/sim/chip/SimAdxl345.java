package de.dos2030.iot.edge.sim.chip;

import static de.dos2030.iot.edge.sensor.adxl345.Adxl345Constants.*;

import de.dos2030.iot.edge.sim.AccelerationSignal;
import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.SimI2cChip;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A simulated ADXL345: DEVID, BW_RATE, POWER_CTL, DATA_FORMAT (range; full or 10-bit resolution),
 * data registers, and the 32-entry FIFO filled at the output data rate on the virtual clock. In
 * bypass mode the data registers hold the latest sample; in FIFO and stream mode they show the
 * oldest entry and a read of them pops it. When full, FIFO mode drops new samples and stream
 * mode overwrites the oldest entry; both set INT_SOURCE's overrun bit, which reading the data registers clears, as on the chip.
 */
public final class SimAdxl345 implements SimI2cChip {

    private final Clock clock;
    private final ChipFaults faults;
    private final AccelerationSignal signal;
    private final int devid;
    private final int[][] fifo = new int[FIFO_CAPACITY][3];
    private final int[] latest = new int[3];
    private final double[] xyz = new double[3];
    private int fifoHead;
    private int fifoSize;
    private int pointer;
    private int bwRate = 0x0A;
    private int dataFormat;
    private int fifoCtl;
    private boolean measuring;
    private boolean overrun;
    private long ticks;
    private Instant epoch;

    public SimAdxl345(Clock clock, ChipFaults faults, AccelerationSignal signal) {
        this(clock, faults, signal, DEVID);
    }

    /** @param devid what DEVID reads; anything but 0xE5 simulates another chip at this address */
    public SimAdxl345(Clock clock, ChipFaults faults, AccelerationSignal signal, int devid) {
        this.clock = clock;
        this.faults = faults;
        this.signal = signal;
        this.devid = devid;
    }

    @Override
    public String name() {
        return "ADXL345";
    }

    @Override
    public ChipFaults faults() {
        return faults;
    }

    @Override
    public synchronized void onWrite(byte[] data) {
        advance(clock.instant());
        pointer = data[0] & 0x3F;
        if (data.length < 2) return;
        int value = data[1] & 0xFF;
        switch (pointer) {
            case REG_BW_RATE -> bwRate = value & 0x1F;
            case REG_DATA_FORMAT -> dataFormat = value;
            case REG_FIFO_CTL -> {
                fifoCtl = value;
                if ((value & FIFO_MODE_MASK) == FIFO_MODE_BYPASS) fifoSize = 0;
            }
            case REG_POWER_CTL -> {
                boolean measure = (value & POWER_MEASURE) != 0;
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
        boolean fromFifo = (fifoCtl & FIFO_MODE_MASK) != FIFO_MODE_BYPASS;
        int[] sample = fromFifo && fifoSize > 0 ? fifo[fifoHead] : latest;
        boolean touchedData = false;
        for (int i = 0; i < buffer.length; i++) {
            int reg = pointer + i;
            if (reg >= REG_DATAX0 && reg < REG_DATAX0 + 6) {
                int v = sample[(reg - REG_DATAX0) / 2];
                buffer[i] = (byte) ((reg - REG_DATAX0) % 2 == 0 ? v : v >> 8);
                touchedData = true;
            } else {
                buffer[i] = (byte) register(reg);
            }
        }
        if (touchedData) {
            overrun = false;
            if (fromFifo && fifoSize > 0) {
                fifoHead = (fifoHead + 1) % FIFO_CAPACITY;
                fifoSize--;
            }
        }
    }

    private int register(int reg) {
        return switch (reg) {
            case REG_DEVID -> devid;
            case REG_BW_RATE -> bwRate;
            case REG_POWER_CTL -> measuring ? POWER_MEASURE : POWER_STANDBY;
            case REG_INT_SOURCE ->
                (overrun ? INT_OVERRUN : 0)
                        | (fifoSize > (fifoCtl & 0x1F) ? INT_WATERMARK : 0)
                        | (fifoSize > 0 || measuring && ticks > 0 ? INT_DATA_READY : 0);
            case REG_DATA_FORMAT -> dataFormat;
            case REG_FIFO_CTL -> fifoCtl;
            case REG_FIFO_STATUS -> fifoSize;
            default -> 0;
        };
    }

    /** Produces every sample due between the last call and {@code now}. */
    private void advance(Instant now) {
        if (!measuring || epoch == null) return;
        long period = periodNanos(bwRate & 0x0F);
        long due = Duration.between(epoch, now).toNanos() / period;
        int range = dataFormat & 0x03;
        boolean fullRes = (dataFormat & DATA_FORMAT_FULL_RES) != 0;
        double lsbPerG = fullRes ? LSB_PER_G_FULL_RES : LSB_PER_G_FULL_RES / (1 << range);
        long full = (1L << ((fullRes ? fullResolutionBits(range) : 10) - 1)) - 1;
        boolean buffering = (fifoCtl & FIFO_MODE_MASK) != FIFO_MODE_BYPASS;
        for (; ticks < due; ticks++) {
            if (!faults.stuck()) {
                signal.accelerationG(epoch.plusNanos((ticks + 1) * period), xyz);
                for (int a = 0; a < 3; a++)
                    latest[a] = (int) Math.max(-full - 1, Math.min(full, Math.round(xyz[a] * lsbPerG)));
            }
            if (!buffering) continue;
            if (fifoSize == FIFO_CAPACITY) {
                overrun = true;
                if ((fifoCtl & FIFO_MODE_MASK) != FIFO_MODE_STREAM) continue; // FIFO mode: full means full
                fifoHead = (fifoHead + 1) % FIFO_CAPACITY; // stream mode: the oldest entry gives way
                fifoSize--;
            }
            System.arraycopy(latest, 0, fifo[(fifoHead + fifoSize) % FIFO_CAPACITY], 0, 3);
            fifoSize++;
        }
    }
}
