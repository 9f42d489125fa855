package de.dos2030.iot.edge.pipeline.filter;

import de.dos2030.iot.model.Quality;

/**
 * Plausibility: a value outside [min, max] (by default what the quantity can physically be) or not
 * a number is passed on flagged {@link Quality#OUT_OF_RANGE}, so it is still visible upstream but
 * never reaches smoothing, features or limit rules.
 */
public final class RangeFilter implements SampleStage {

    private final double min;
    private final double max;
    private final SampleStage next;

    public RangeFilter(double min, double max, SampleStage next) {
        if (!(min < max)) {
            throw new IllegalArgumentException("range min " + min + " is not below max " + max);
        }
        this.min = min;
        this.max = max;
        this.next = next;
    }

    @Override
    public void accept(long nanos, double value, Quality quality) {
        boolean inside = value >= min && value <= max; // false for NaN too
        next.accept(nanos, value, inside || !SampleStage.usable(quality) ? quality : Quality.OUT_OF_RANGE);
    }

    @Override
    public void flush() {
        next.flush();
    }
}
