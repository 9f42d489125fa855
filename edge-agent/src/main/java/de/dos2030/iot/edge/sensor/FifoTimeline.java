package de.dos2030.iot.edge.sensor;

import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import java.time.Instant;

/**
 * Sample times of a FIFO stream (ADXL345, ADXL355): the chip samples at its own output data rate
 * and the agent only knows when it drained the FIFO. Anchoring each drain's sets at the drain time
 * alone makes the spacing across drains as jittery as the bus thread (a late drain put its first
 * set microseconds after the previous drain's last one: the same millisecond on the wire). So the
 * timeline continues one period after the last stamp and only slews towards the drain-anchored
 * time, by an eighth of the difference per drain and never closer than half a period to the last
 * stamp: stamps stay increasing, evenly spaced within a period, and on the gateway clock on average
 * (a chip whose oscillator runs a little fast or slow is followed). A gap of more than a period
 * (sets lost to an overrun, a restart) re-anchors at the drain time. Allocation-free. Not thread-safe.
 */
public final class FifoTimeline {

    private static final int SLEW = 8;

    private final long periodNanos;
    private Instant last;

    public FifoTimeline(long periodNanos) {
        if (periodNanos <= 0) throw new IllegalArgumentException("period must be positive");
        this.periodNanos = periodNanos;
    }

    /**
     * The time of the oldest of {@code count} sets drained at {@code now}; set {@code i} is at
     * {@code first + i * period}. Call once per drain with {@code count > 0}.
     */
    public Instant first(Instant now, int count) {
        Instant anchored = now.minusNanos((count - 1) * periodNanos);
        Instant first = anchored;
        if (last != null) {
            Instant next = last.plusNanos(periodNanos);
            long error = (anchored.getEpochSecond() - next.getEpochSecond()) * 1_000_000_000L
                    + (anchored.getNano() - next.getNano());
            if (error <= periodNanos) {
                first = next.plusNanos(Math.max(-periodNanos / 2, error / SLEW));
            }
        }
        last = first.plusNanos((count - 1) * periodNanos);
        return first;
    }

    /**
     * Stamps the {@code count} sets of one drain and hands them to the sink: the configured axis as
     * an ACCELERATION sample, the whole set for tilt ({@link SampleSink#axes}). The first set carries
     * {@code firstQuality} (SUSPECT after an overrun: sets before it were lost), the others OK.
     */
    public void deliver(
            SampleSink sink,
            String sensorId,
            Axis axis,
            Instant now,
            int count,
            double[] x,
            double[] y,
            double[] z,
            Quality firstQuality) {
        if (count == 0) {
            return;
        }
        Instant first = first(now, count);
        for (int i = 0; i < count; i++) {
            Instant t = first.plusNanos(i * periodNanos);
            Quality q = i == 0 ? firstQuality : Quality.OK;
            sink.sample(Sample.checked(sensorId, Quantity.ACCELERATION, t, axis.of(x[i], y[i], z[i]), q));
            sink.axes(sensorId, t, x[i], y[i], z[i], q);
        }
    }

    /** Forgets the stream (the chip restarts): the next drain anchors at its own time. */
    public void reset() {
        last = null;
    }
}
