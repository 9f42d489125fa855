package de.dos2030.iot.collector.rollup;

/**
 * What one rollup cell knows about one field of one series: enough that cells of a finer tier
 * compose exactly into a coarser one and into any window they tile. Immutable.
 *
 * <p>The spread is kept as {@code m2}, the sum of squared deviations from the cell's mean, and
 * composed with Chan et al.'s pairwise update. A plain sum of squares composes too, but loses
 * digits to cancellation over a year of readings with a large mean and a small spread (a room's
 * 21.3 degC); {@code m2} keeps the standard deviation exact to about 1e-12.
 *
 * @param count   readings of quality ok
 * @param sum     their sum
 * @param min     their minimum (NaN when {@code count} is 0)
 * @param max     their maximum (NaN when {@code count} is 0)
 * @param m2      their sum of squared deviations from their mean
 * @param firstMs time of the first of them, epoch ms (0 when {@code count} is 0)
 * @param lastMs  time of the last of them, epoch ms (0 when {@code count} is 0)
 * @param last    the value of the last of them (NaN when {@code count} is 0)
 * @param flagged readings of any other quality: counted, kept out of every other figure
 */
public record CellStats(
        long count,
        double sum,
        double min,
        double max,
        double m2,
        long firstMs,
        long lastMs,
        double last,
        long flagged) {

    public static final CellStats EMPTY = new CellStats(0, 0, Double.NaN, Double.NaN, 0, 0, 0, Double.NaN, 0);

    /** These stats plus one reading of quality ok at {@code timeMs}. */
    public CellStats plus(double value, long timeMs) {
        return merge(new CellStats(1, value, value, value, 0, timeMs, timeMs, value, 0));
    }

    /** These stats plus one reading of another quality. */
    public CellStats plusFlagged() {
        return new CellStats(count, sum, min, max, m2, firstMs, lastMs, last, flagged + 1);
    }

    /** The stats of both cells' readings together (the cells may come in any order). */
    public CellStats merge(CellStats o) {
        if (o.count == 0) {
            return o.flagged == 0 ? this : plusFlagged(o.flagged);
        }
        if (count == 0) {
            return o.plusFlagged(flagged);
        }
        long n = count + o.count;
        double delta = o.sum / o.count - sum / count;
        double combinedM2 = m2 + o.m2 + delta * delta * ((double) count * o.count / n);
        boolean laterLast = o.lastMs >= lastMs;
        return new CellStats(
                n,
                sum + o.sum,
                Math.min(min, o.min),
                Math.max(max, o.max),
                combinedM2,
                Math.min(firstMs, o.firstMs),
                Math.max(lastMs, o.lastMs),
                laterLast ? o.last : last,
                flagged + o.flagged);
    }

    private CellStats plusFlagged(long more) {
        return new CellStats(count, sum, min, max, m2, firstMs, lastMs, last, flagged + more);
    }

    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** The sample standard deviation (n - 1), as InfluxDB's STDDEV; NaN below two readings. */
    public double stddev() {
        return count < 2 ? Double.NaN : Math.sqrt(m2 / (count - 1));
    }
}
