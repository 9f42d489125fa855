package de.dos2030.iot.collector.tiers;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * Rollup tier maintenance ({@code collector.rollup.*}, validated at start-up; collector/README.md, "Rollup tiers").
 *
 * @param enabled         whether stored batches mark their windows dirty and this instance recomputes them;
 *                        off, the tiers fall behind the raw readings (the benchmark's comparison run)
 * @param settleDelay     a window is recomputed once no batch marked it for this long ...
 * @param maxDelay        ... or once it was first marked this long ago, so that a window marked by every
 *                        batch (the current hour) is still recomputed regularly: tiers lag by about this much
 * @param lease           how long an instance holds a claimed window; another takes it over after that
 *                        (an instance killed in the middle of a recompute); must outlast a recompute
 * @param windowsPerRound most windows claimed by one round
 * @param threads         windows recomputed at once by this instance
 * @param pollInterval    pause between rounds when the last one found nothing due
 */
@ConfigurationProperties("collector.rollup")
public record RollupConfig(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "10s") @NotNull Duration settleDelay,
        @Bindable(defaultValue = "1m") @NotNull Duration maxDelay,
        @Bindable(defaultValue = "5m") @NotNull Duration lease,
        @Bindable(defaultValue = "32") @Min(1) @Max(1000) int windowsPerRound,
        @Bindable(defaultValue = "2") @Min(1) @Max(16) int threads,
        @Bindable(defaultValue = "1s") @NotNull Duration pollInterval) {

    public RollupConfig {
        if (settleDelay != null && (settleDelay.isNegative() || settleDelay.compareTo(Duration.ofHours(1)) > 0)) {
            throw new IllegalArgumentException(
                    "collector.rollup.settle-delay is " + settleDelay + ": must be between 0s and 1h");
        }
        if (maxDelay != null && settleDelay != null && maxDelay.compareTo(settleDelay) < 0) {
            throw new IllegalArgumentException("collector.rollup.max-delay is " + maxDelay
                    + ": must be at least collector.rollup.settle-delay (" + settleDelay + ")");
        }
        if (lease != null && lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "collector.rollup.lease is " + lease + ": must be at least 1s (longer than a recompute takes)");
        }
        if (pollInterval != null
                && (pollInterval.toMillis() < 10 || pollInterval.compareTo(Duration.ofMinutes(10)) > 0)) {
            throw new IllegalArgumentException(
                    "collector.rollup.poll-interval is " + pollInterval + ": must be between 10ms and 10m");
        }
    }
}
