package de.dos2030.iot.edge.pipeline.rules;

/**
 * Minimum and maximum of the samples of the last {@code span} nanoseconds, in O(1) amortised per
 * sample: two monotonic deques over primitive ring arrays. The arrays grow (doubling) until they
 * hold a full span of samples and are then reused, so the steady state allocates nothing.
 * Not thread-safe.
 */
public final class SlidingExtremes {

    private final long span;
    private final Deque max = new Deque();
    private final Deque min = new Deque();

    public SlidingExtremes(long spanNanos) {
        if (spanNanos <= 0) {
            throw new IllegalArgumentException("span must be positive");
        }
        this.span = spanNanos;
    }

    /** Adds a sample and drops those older than {@code nanos - span}. Times must not go backwards. */
    public void add(long nanos, double value) {
        max.push(nanos, value, true);
        min.push(nanos, value, false);
        long oldest = nanos - span;
        max.evictBefore(oldest);
        min.evictBefore(oldest);
    }

    public void reset() {
        max.clear();
        min.clear();
    }

    public boolean isEmpty() {
        return max.size == 0;
    }

    public double max() {
        return max.firstValue();
    }

    public double min() {
        return min.firstValue();
    }

    /** {@code max() - min()}, 0 when empty. */
    public double range() {
        return isEmpty() ? 0 : max() - min();
    }

    /** A deque of (time, value) pairs kept monotonic: decreasing values for max, increasing for min. */
    private static final class Deque {
        long[] times = new long[16];
        double[] values = new double[16];
        int head;
        int size;

        void push(long t, double v, boolean forMax) {
            while (size > 0) {
                double last = values[(head + size - 1) & (values.length - 1)];
                if (forMax ? last <= v : last >= v) {
                    size--;
                } else {
                    break;
                }
            }
            if (size == values.length) {
                grow();
            }
            int i = (head + size) & (values.length - 1);
            times[i] = t;
            values[i] = v;
            size++;
        }

        void evictBefore(long oldest) {
            while (size > 1 && times[head] < oldest) {
                head = (head + 1) & (values.length - 1);
                size--;
            }
        }

        double firstValue() {
            return values[head];
        }

        void clear() {
            head = 0;
            size = 0;
        }

        private void grow() {
            int n = values.length;
            long[] t2 = new long[n * 2];
            double[] v2 = new double[n * 2];
            for (int k = 0; k < size; k++) {
                t2[k] = times[(head + k) & (n - 1)];
                v2[k] = values[(head + k) & (n - 1)];
            }
            times = t2;
            values = v2;
            head = 0;
        }
    }
}
