package de.dos2030.iot.edge.pipeline.feature;

/**
 * Running count, mean, variance (Welford), min and max of one window, plus the vibration features
 * that follow from them exactly: RMS about the mean (the population standard deviation, so gravity
 * and sensor offset do not count as vibration), peak = the largest |x - mean| = max(max - mean,
 * mean - min), and crest factor = peak / RMS. Not thread-safe.
 */
public final class WindowStats {

    private long count;
    private double mean;
    private double m2;
    private double min;
    private double max;

    public void add(double x) {
        count++;
        double delta = x - mean;
        mean += delta / count;
        m2 += delta * (x - mean);
        if (count == 1) {
            min = x;
            max = x;
        } else {
            if (x < min) {
                min = x;
            }
            if (x > max) {
                max = x;
            }
        }
    }

    public void reset() {
        count = 0;
        mean = 0;
        m2 = 0;
        min = 0;
        max = 0;
    }

    public long count() {
        return count;
    }

    public double mean() {
        return mean;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** Population standard deviation: the spread of the window itself, not an estimate of a larger population. */
    public double stddev() {
        return count == 0 ? 0 : Math.sqrt(Math.max(0, m2 / count));
    }

    /** RMS of the signal about its mean. */
    public double rms() {
        return stddev();
    }

    /** Largest deviation from the mean. */
    public double peak() {
        return count == 0 ? 0 : Math.max(max - mean, mean - min);
    }

    /** Peak / RMS; 0 for a constant window (no vibration, no crest). */
    public double crestFactor() {
        double rms = rms();
        return rms > 0 ? peak() / rms : 0;
    }
}
