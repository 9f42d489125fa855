package de.dos2030.iot.collector.fleet.rollout;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A staged rollout as stored ({@code rollout}, Flyway V18).
 *
 * @param template     for {@link RolloutKind#CONFIG}: the gateway file, {@code {{gateway}}} and {@code {{site}}}
 *                     standing for each gateway's ids
 * @param target       for {@link RolloutKind#AGENT}: the agent version (an uploaded release)
 * @param currentStep  the step being rolled out (0: the canary)
 * @param stepStartedAt when the current step's gateways were asked (null: not yet)
 * @param nextStepAt   the current step is not begun before this (the pace)
 * @param reason       why it failed or was cancelled
 */
public record Rollout(
        String id,
        RolloutKind kind,
        @Nullable String template,
        @Nullable String target,
        RolloutStatus status,
        List<Integer> percentSteps,
        Duration pace,
        Duration watch,
        String createdBy,
        Instant createdAt,
        int currentStep,
        @Nullable Instant stepStartedAt,
        Instant nextStepAt,
        @Nullable Instant finishedAt,
        @Nullable String reason) {

    public Rollout {
        percentSteps = List.copyOf(percentSteps);
    }

    /** One gateway of a rollout. */
    public record Member(
            String gatewayId,
            int position,
            int step,
            String targetVersion,
            GatewayStep status,
            @Nullable Instant sentAt,
            @Nullable Instant doneAt,
            @Nullable String reason) {}
}
