package de.dos2030.iot.edge.pipeline.filter;

import de.dos2030.iot.model.Quality;

/**
 * Strain temperature compensation: {@code strain - coefficient * (T - reference)} with the latest
 * temperature of the configured source sensor. Without a temperature younger than
 * {@code maxAgeNanos} (the thermometer failed or has not reported yet) the strain passes
 * uncompensated and flagged {@link Quality#SUSPECT}: still usable for features and rules, but
 * marked as not corrected.
 */
public final class TemperatureCompensationStage implements SampleStage {

    private final double coefficient;
    private final double reference;
    private final LatestTemperature temperature;
    private final long maxAgeNanos;
    private final SampleStage next;

    /**
     * @param coefficient apparent strain of the gauge, um/m per degC
     * @param reference   temperature at which the gauge reads true, degC
     */
    public TemperatureCompensationStage(
            double coefficient, double reference, LatestTemperature temperature, long maxAgeNanos, SampleStage next) {
        this.coefficient = coefficient;
        this.reference = reference;
        this.temperature = temperature;
        this.maxAgeNanos = maxAgeNanos;
        this.next = next;
    }

    @Override
    public void accept(long nanos, double value, Quality quality) {
        if (!SampleStage.usable(quality)) {
            next.accept(nanos, value, quality);
        } else if (temperature.freshAt(nanos, maxAgeNanos)) {
            next.accept(nanos, value - coefficient * (temperature.degC() - reference), quality);
        } else {
            next.accept(nanos, value, Quality.SUSPECT);
        }
    }

    @Override
    public void flush() {
        next.flush();
    }
}
