package de.dos2030.iot.collector.fleet;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * Remote configuration and staged rollouts ({@code collector.fleet.*}).
 *
 * @param publishRetry    how often a desired state the broker did not take is published again
 * @param rolloutInterval how often running rollouts are advanced
 * @param rolloutLease    how long an instance holds a rollout it advances; another takes over after it
 */
@ConfigurationProperties("collector.fleet")
public record FleetConfig(
        @Bindable(defaultValue = "10s") @NotNull Duration publishRetry,
        @Bindable(defaultValue = "5s") @NotNull Duration rolloutInterval,
        @Bindable(defaultValue = "1m") @NotNull Duration rolloutLease) {

    public FleetConfig {
        for (Duration d : new Duration[] {publishRetry, rolloutInterval, rolloutLease}) {
            if (d != null && (d.isNegative() || d.isZero())) {
                throw new IllegalArgumentException(
                        "collector.fleet.publish-retry, rollout-interval and rollout-lease must be positive");
            }
        }
        if (rolloutLease != null && rolloutInterval != null && rolloutLease.compareTo(rolloutInterval) <= 0) {
            throw new IllegalArgumentException("collector.fleet.rollout-lease is " + rolloutLease
                    + ": must be longer than collector.fleet.rollout-interval (" + rolloutInterval + ")");
        }
    }
}
