package de.dos2030.iot.collector.condition;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * Condition monitoring of bridges ({@code collector.condition.*}, validated at start-up; collector/README.md,
 * "Condition monitoring").
 *
 * @param enabled            whether stored bridge readings feed the baselines and detectors on this instance
 * @param learningPeriod     data time a new baseline learns over (at least 1 day: a baseline must see a full
 *                           daily temperature cycle)
 * @param minLearningBins    bins a baseline needs at least; learning goes on past the period until it has them
 * @param bin                readings are summarised per feature in bins this long (median value, mean paired
 *                           temperature); baselines and detectors work on bins
 * @param pairingWindow      a reading is paired with the gateway's temperature reading nearest in time, if
 *                           that is at most this far away; unpaired readings are not used
 * @param cusumSlack         CUSUM slack k in baseline sigmas: residuals below it never accumulate
 * @param cusumLimit         CUSUM decision limit h in baseline sigmas
 * @param minShift           smallest frequency shift of interest, in % of the predicted frequency: the CUSUM
 *                           slack is at least half of it, so that slow unmodelled wander never accumulates
 * @param minDuration        a modal shift must stay beyond the limit this long to raise, and back within half
 *                           of it this long to clear
 * @param strainLimit        strain offset (um/m) that counts as settlement when it persists
 * @param tiltLimit          tilt offset (deg) that counts as settlement when it persists
 * @param settlementDuration an offset beyond its limit for this long raises {@code settlement}
 */
@ConfigurationProperties("collector.condition")
public record ConditionConfig(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "14d") @NotNull Duration learningPeriod,
        @Bindable(defaultValue = "36") int minLearningBins,
        @Bindable(defaultValue = "10m") @NotNull Duration bin,
        @Bindable(defaultValue = "1m") @NotNull Duration pairingWindow,
        @Bindable(defaultValue = "1.0") double cusumSlack,
        @Bindable(defaultValue = "10.0") double cusumLimit,
        @Bindable(defaultValue = "0.5") double minShift,
        @Bindable(defaultValue = "6h") @NotNull Duration minDuration,
        @Bindable(defaultValue = "30") double strainLimit,
        @Bindable(defaultValue = "0.05") double tiltLimit,
        @Bindable(defaultValue = "12h") @NotNull Duration settlementDuration) {

    public ConditionConfig {
        if (learningPeriod != null && learningPeriod.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("collector.condition.learning-period is " + learningPeriod
                    + ": must be at least 1d, so that a baseline sees a whole daily temperature cycle");
        }
        if (minLearningBins < 3 || minLearningBins > 10_000) {
            throw new IllegalArgumentException(
                    "collector.condition.min-learning-bins is " + minLearningBins + ": must be between 3 and 10000");
        }
        if (bin != null && (bin.compareTo(Duration.ofMinutes(1)) < 0 || bin.compareTo(Duration.ofHours(1)) > 0)) {
            throw new IllegalArgumentException(
                    "collector.condition.bin is " + bin + ": must be between 1m and 1h and divide a day");
        }
        if (bin != null && Duration.ofDays(1).toMillis() % bin.toMillis() != 0) {
            throw new IllegalArgumentException("collector.condition.bin is " + bin + ": must divide a day (e.g. 10m)");
        }
        if (pairingWindow != null && (pairingWindow.isNegative() || pairingWindow.compareTo(Duration.ofHours(1)) > 0)) {
            throw new IllegalArgumentException(
                    "collector.condition.pairing-window is " + pairingWindow + ": must be between 0s and 1h");
        }
        if (!(cusumSlack >= 0) || !(cusumLimit > 0)) {
            throw new IllegalArgumentException("collector.condition.cusum-slack is " + cusumSlack + " and cusum-limit "
                    + cusumLimit + ": slack must be >= 0 and limit > 0 (sigma units)");
        }
        if (!(minShift >= 0) || minShift > 10) {
            throw new IllegalArgumentException(
                    "collector.condition.min-shift is " + minShift + ": must be between 0 and 10 (% of the frequency)");
        }
        if (!(strainLimit > 0) || !(tiltLimit > 0)) {
            throw new IllegalArgumentException("collector.condition.strain-limit is " + strainLimit + " and tilt-limit "
                    + tiltLimit + ": both must be > 0 (um/m, deg)");
        }
        if (minDuration != null && minDuration.isNegative()) {
            throw new IllegalArgumentException(
                    "collector.condition.min-duration is " + minDuration + ": must not be negative");
        }
        if (settlementDuration != null && settlementDuration.isNegative()) {
            throw new IllegalArgumentException(
                    "collector.condition.settlement-duration is " + settlementDuration + ": must not be negative");
        }
    }

    /** The defaults, for tests and benchmarks that run the engine without Micronaut. */
    public static ConditionConfig defaults() {
        return new ConditionConfig(
                true,
                Duration.ofDays(14),
                36,
                Duration.ofMinutes(10),
                Duration.ofMinutes(1),
                1.0,
                10.0,
                0.5,
                Duration.ofHours(6),
                30,
                0.05,
                Duration.ofHours(12));
    }

    public ConditionConfig withLearningPeriod(Duration d) {
        return new ConditionConfig(
                enabled,
                d,
                minLearningBins,
                bin,
                pairingWindow,
                cusumSlack,
                cusumLimit,
                minShift,
                minDuration,
                strainLimit,
                tiltLimit,
                settlementDuration);
    }

    /** The offset limit of a strain or tilt feature. */
    public double offsetLimit(Feature f) {
        return f == Feature.TILT ? tiltLimit : strainLimit;
    }
}
