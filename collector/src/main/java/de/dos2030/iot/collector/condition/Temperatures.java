package de.dos2030.iot.collector.condition;

import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;
import java.util.Arrays;
import java.util.List;

/**
 * A gateway's temperatures that a batch's readings may pair with: the batch's own usable temperature
 * readings (quality OK, sample or mean) and the last one of earlier batches, sorted by time.
 */
final class Temperatures {
    private final long[] times;
    private final double[] values;
    private final int n;

    private Temperatures(long[] times, double[] values, int n) {
        this.times = times;
        this.values = values;
        this.n = n;
    }

    /** @param earlier the gateway's latest temperature from earlier batches, {time, value}, or null */
    static Temperatures of(List<Reading> readings, double[] earlier) {
        int size = earlier == null ? 0 : 1;
        for (Reading r : readings) {
            size += usable(r) ? 1 : 0;
        }
        long[][] pairs = new long[size][];
        double[] v = new double[size];
        int i = 0;
        if (earlier != null) {
            pairs[i] = new long[] {(long) earlier[0], i};
            v[i++] = earlier[1];
        }
        for (Reading r : readings) {
            if (usable(r)) {
                pairs[i] = new long[] {r.time().toEpochMilli(), i};
                v[i++] = r.value();
            }
        }
        Arrays.sort(pairs, (a, b) -> Long.compare(a[0], b[0]));
        long[] times = new long[size];
        double[] values = new double[size];
        for (int k = 0; k < size; k++) {
            times[k] = pairs[k][0];
            values[k] = v[(int) pairs[k][1]];
        }
        return new Temperatures(times, values, size);
    }

    static boolean usable(Reading r) {
        return r.quantity() == Quantity.TEMPERATURE
                && r.quality() == Quality.OK
                && (r.statistic() == Statistic.SAMPLE || r.statistic() == Statistic.MEAN)
                && Double.isFinite(r.value());
    }

    /** The latest temperature, {time, value}, or null when there is none. */
    double[] latest() {
        return n == 0 ? null : new double[] {times[n - 1], values[n - 1]};
    }

    /** The temperature nearest in time to {@code t} if at most {@code window} ms away, else NaN. */
    double nearest(long t, long window) {
        int i = Arrays.binarySearch(times, 0, n, t);
        if (i >= 0) {
            return values[i];
        }
        int after = -i - 1;
        int best = -1;
        long bestGap = Long.MAX_VALUE;
        if (after < n) {
            best = after;
            bestGap = times[after] - t;
        }
        if (after > 0 && t - times[after - 1] <= bestGap) {
            best = after - 1;
            bestGap = t - times[after - 1];
        }
        return best >= 0 && bestGap <= window ? values[best] : Double.NaN;
    }
}
