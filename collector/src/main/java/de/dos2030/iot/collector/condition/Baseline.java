package de.dos2030.iot.collector.condition;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One learned version of a feature's baseline: {@code value = intercept + slope * temperature}, with the
 * robust sigma of the bin residuals. Each re-learning adds a version; old versions are kept.
 *
 * @param feature        {@code f1}..{@code f3} (Hz), {@code strain} (um/m), {@code tilt} (deg)
 * @param temperatureMin lowest bin temperature seen while learning: the model is checked only between
 *                       these, beyond them it extrapolates (see collector/README.md)
 */
@Serdeable
public record Baseline(
        String siteId,
        String sensorId,
        String feature,
        int version,
        String gatewayId,
        double intercept,
        double slope,
        double sigma,
        int bins,
        double temperatureMin,
        double temperatureMax,
        Instant learnedFrom,
        Instant learnedTo,
        Instant createdAt) {

    public RobustLine line() {
        return new RobustLine(intercept, slope, sigma);
    }
}
