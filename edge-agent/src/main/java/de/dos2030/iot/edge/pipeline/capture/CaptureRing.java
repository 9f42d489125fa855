package de.dos2030.iot.edge.pipeline.capture;

import de.dos2030.iot.config.model.CaptureConfig;
import de.dos2030.iot.edge.pipeline.time.EpochNanos;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.RawCapture;
import java.util.function.Consumer;

/**
 * The pre-trigger ring of one sensor: its last {@code (before + after) x rate + 1} samples as
 * floats, preallocated, so that when an alarm raises the samples from before it are still there.
 *
 * <p>A trigger notes the latest sample as the trigger sample; once {@code after x rate} more samples
 * have arrived, one {@link RawCapture} goes out holding exactly {@code before x rate} samples before
 * the trigger sample, the trigger sample, and {@code after x rate} samples after it (fewer before
 * when the agent started less than {@code before} ago). Sample times are nominal: the trigger
 * sample's own time minus whole sample periods. If the sensor stops delivering, {@link #tick}
 * sends what there is once {@code after} plus {@link #GRACE_NANOS} have passed on the clock.
 *
 * <p>Bounded under a burst of alarms: at most {@link #MAX_OPEN} captures are open per sensor at a
 * time, each its own alert's; a raise while all slots are open is not captured and is counted in
 * {@link #skipped()}. A second raise of an open alert id (a severity change) is ignored. Memory is
 * the float ring plus {@code MAX_OPEN} slots, fixed at construction; a sample costs one array store
 * and allocates nothing. Emitting a capture allocates its values once, then it leaves for the outbox.
 *
 * <p>Not thread-safe: the pipeline calls it under its lock.
 */
public final class CaptureRing {
    /** Open captures per sensor; a burst beyond this is counted, not captured. */
    public static final int MAX_OPEN = 4;
    /** How long past its end a capture waits for samples from a silent sensor before going out short. */
    public static final long GRACE_NANOS = 5_000_000_000L;

    private final String sensorId;
    private final Quantity quantity;
    private final double rateHz;
    private final long periodNanos;
    private final int beforeSamples;
    private final int afterSamples;
    private final float[] ring;
    private final Consumer<RawCapture> out;
    private long count; // samples ever added; sample k is at ring[k % ring.length]
    private long latestNanos;
    private final String[] openAlert = new String[MAX_OPEN];
    private final long[] openTriggerNanos = new long[MAX_OPEN];
    private final long[] openTriggerIndex = new long[MAX_OPEN];
    private final long[] openTriggerSampleNanos = new long[MAX_OPEN];
    private final long[] openClockNanos = new long[MAX_OPEN];
    private int open;
    private long skipped;
    private long emitted;

    public CaptureRing(
            String sensorId, Quantity quantity, double rateHz, CaptureConfig config, Consumer<RawCapture> out) {
        this.sensorId = sensorId;
        this.quantity = quantity;
        this.rateHz = rateHz;
        this.periodNanos = Math.round(1e9 / rateHz);
        this.beforeSamples = config.beforeSamples(rateHz);
        this.afterSamples = config.ringSamples(rateHz) - beforeSamples;
        this.ring = new float[beforeSamples + 1 + afterSamples];
        this.out = out;
    }

    /** One sample after the filter chain; {@code NaN} for an unusable one. Allocation-free. */
    public void add(long nanos, float value) {
        ring[(int) (count % ring.length)] = value;
        count++;
        latestNanos = nanos;
        if (open > 0) {
            emitDue(false, 0);
        }
    }

    /** {@link #trigger(String, long, long)} with the clock at the trigger time (live data, tests). */
    public boolean trigger(String alertId, long triggerNanos) {
        return trigger(alertId, triggerNanos, triggerNanos);
    }

    /**
     * An alarm raised at {@code triggerNanos} (sample time), seen at {@code clockNanos} (the gateway
     * clock, which decides when a silent sensor's capture is overdue: replayed samples may carry
     * other times): the latest sample becomes the trigger sample.
     *
     * @return false when it is not captured: no sample yet, its alert already open, or all slots open
     */
    public boolean trigger(String alertId, long triggerNanos, long clockNanos) {
        if (count == 0) {
            skipped++;
            return false;
        }
        for (int i = 0; i < open; i++) {
            if (openAlert[i].equals(alertId)) {
                return false;
            }
        }
        if (open == MAX_OPEN) {
            skipped++;
            return false;
        }
        openAlert[open] = alertId;
        openTriggerNanos[open] = triggerNanos;
        openTriggerIndex[open] = count - 1;
        openTriggerSampleNanos[open] = latestNanos;
        openClockNanos[open] = clockNanos;
        open++;
        if (afterSamples == 0) {
            emitDue(false, 0);
        }
        return true;
    }

    /** Sends the captures whose sensor fell silent: {@code after} plus the grace period passed on the clock since the trigger. */
    public void tick(long nowNanos) {
        if (open > 0) {
            emitDue(true, nowNanos);
        }
    }

    private void emitDue(boolean byClock, long nowNanos) {
        for (int i = 0; i < open; ) {
            long last = openTriggerIndex[i] + afterSamples;
            boolean complete = count - 1 >= last;
            boolean overdue = byClock && nowNanos - openClockNanos[i] > (long) afterSamples * periodNanos + GRACE_NANOS;
            if (complete || overdue) {
                emit(i, Math.min(last, count - 1));
                open--; // keep slots packed: move the last open one into this slot
                openAlert[i] = openAlert[open];
                openTriggerNanos[i] = openTriggerNanos[open];
                openTriggerIndex[i] = openTriggerIndex[open];
                openTriggerSampleNanos[i] = openTriggerSampleNanos[open];
                openClockNanos[i] = openClockNanos[open];
                openAlert[open] = null;
            } else {
                i++;
            }
        }
    }

    private void emit(int slot, long lastIndex) {
        long triggerIndex = openTriggerIndex[slot];
        long first = Math.max(Math.max(0, triggerIndex - beforeSamples), count - ring.length);
        float[] values = new float[(int) (lastIndex - first + 1)];
        for (long k = first; k <= lastIndex; k++) {
            values[(int) (k - first)] = ring[(int) (k % ring.length)];
        }
        long firstNanos = openTriggerSampleNanos[slot] - (triggerIndex - first) * periodNanos;
        emitted++;
        out.accept(new RawCapture(
                openAlert[slot],
                sensorId,
                quantity,
                EpochNanos.toInstant(firstNanos),
                rateHz,
                EpochNanos.toInstant(openTriggerNanos[slot]),
                values));
    }

    public String sensorId() {
        return sensorId;
    }

    /** Samples the ring holds. */
    public int capacity() {
        return ring.length;
    }

    /** Bytes of the ring's values (4 a sample); the slots add a few dozen. */
    public long ringBytes() {
        return (long) ring.length * Float.BYTES;
    }

    /** Captures open now (triggered, waiting for their after part). */
    public int open() {
        return open;
    }

    /** Raises not captured: all slots open, or no sample yet. */
    public long skipped() {
        return skipped;
    }

    /** Captures sent. */
    public long emitted() {
        return emitted;
    }
}
