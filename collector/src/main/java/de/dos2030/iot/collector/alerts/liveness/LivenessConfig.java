package de.dos2030.iot.collector.alerts.liveness;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * Server-side alert rules ({@code collector.liveness.*}).
 *
 * @param enabled           run the rules at all
 * @param checkInterval     how often the rules look
 * @param offlineAfter      a gateway with no stored batch (or health) for this long is offline (warning)
 * @param sensorSilentAfter a sensor of an online gateway with no stored reading for this long is silent (warning)
 * @param gapGrace          missing sequence numbers older than this raise a sequence-gap alert (info);
 *                          re-sends usually fill a gap within seconds
 * @param outboxDepthLimit  outbox depth (batches) from which the outbox is filling up (warning); clears below half
 * @param outboxAgeLimit    age of the oldest unsent batch from which the outbox is filling up; clears below half
 * @param clockUnsyncedAfter a gateway whose clock is not synchronised for this long raises clock-not-synced (warning)
 * @param clockOffsetLimit  a gateway whose measured clock offset is beyond this (either way) raises clock-offset
 *                          (warning), its readings' times are that far off; clears below half
 */
@ConfigurationProperties("collector.liveness")
public record LivenessConfig(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "30s") @NotNull Duration checkInterval,
        @Bindable(defaultValue = "5m") @NotNull Duration offlineAfter,
        @Bindable(defaultValue = "10m") @NotNull Duration sensorSilentAfter,
        @Bindable(defaultValue = "2m") @NotNull Duration gapGrace,
        @Bindable(defaultValue = "1000") @Min(1) long outboxDepthLimit,
        @Bindable(defaultValue = "10m") @NotNull Duration outboxAgeLimit,
        @Bindable(defaultValue = "2m") @NotNull Duration clockUnsyncedAfter,
        @Bindable(defaultValue = "2s") @NotNull Duration clockOffsetLimit) {}
