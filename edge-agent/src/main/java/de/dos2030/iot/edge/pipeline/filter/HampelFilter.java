package de.dos2030.iot.edge.pipeline.filter;

import de.dos2030.iot.model.Quality;
import java.util.Arrays;

/**
 * Hampel outlier filter: a sample further than {@code threshold * 1.4826 * MAD} from the median of
 * the {@code k} samples on either side is replaced by that median and flagged
 * {@link Quality#SUSPECT}. Lag and stream edges as in {@link CentredWindowFilter}; a scratch array
 * for the sorts: nothing is allocated per sample.
 */
public final class HampelFilter extends CentredWindowFilter {

    /** Scales the MAD to the standard deviation of normally distributed data. */
    public static final double MAD_SCALE = 1.4826;

    private final double threshold;
    private final double[] scratch;

    public HampelFilter(int halfWindow, double threshold, SampleStage next) {
        super(checked(halfWindow), next);
        this.threshold = threshold;
        this.scratch = new double[width];
    }

    private static int checked(int halfWindow) {
        if (halfWindow < 1) {
            throw new IllegalArgumentException("half window must be at least 1");
        }
        return halfWindow;
    }

    @Override
    void judgeCentre(long nanos, double x, Quality quality) {
        for (int i = 0; i < width; i++) {
            scratch[i] = valueAt(i);
        }
        Arrays.sort(scratch);
        double median = scratch[k];
        for (int i = 0; i < width; i++) {
            scratch[i] = Math.abs(valueAt(i) - median);
        }
        Arrays.sort(scratch);
        double mad = scratch[k];
        if (Math.abs(x - median) > threshold * MAD_SCALE * mad) {
            next.accept(nanos, median, Quality.SUSPECT);
        } else {
            next.accept(nanos, x, quality);
        }
    }
}
