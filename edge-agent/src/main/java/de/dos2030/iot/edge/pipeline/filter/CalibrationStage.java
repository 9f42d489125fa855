package de.dos2030.iot.edge.pipeline.filter;

import de.dos2030.iot.model.Quality;

/** {@code value * scale + offset}: the configured calibration of a sensor's primary quantity. */
public final class CalibrationStage implements SampleStage {

    private final double scale;
    private final double offset;
    private final SampleStage next;

    public CalibrationStage(double scale, double offset, SampleStage next) {
        this.scale = scale;
        this.offset = offset;
        this.next = next;
    }

    @Override
    public void accept(long nanos, double value, Quality quality) {
        next.accept(nanos, value * scale + offset, quality);
    }

    @Override
    public void flush() {
        next.flush();
    }
}
