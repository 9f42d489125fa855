package de.dos2030.iot.collector.fleet.rollout;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A rollout as the API shows it: its settings, where it stands, and each step with its gateways. */
@Serdeable
public record RolloutView(
        String id,
        String kind,
        String status,
        @Nullable String reason,
        List<Integer> percentSteps,
        String pace,
        String watch,
        String createdBy,
        Instant createdAt,
        @Nullable Instant finishedAt,
        int currentStep,
        @Nullable Instant nextStepAt,
        List<Step> steps) {

    /** One step: 0 is the canary. */
    @Serdeable
    public record Step(int step, List<Member> gateways) {}

    /** One gateway: {@code waiting}, {@code sent}, {@code committed}, {@code rolled-back}, {@code refused}, {@code no-report}. */
    @Serdeable
    public record Member(
            String gatewayId,
            String version,
            String status,
            @Nullable Instant sentAt,
            @Nullable Instant doneAt,
            @Nullable String reason) {}

    static RolloutView of(Rollout r, List<Rollout.Member> members) {
        List<Step> steps = new ArrayList<>();
        for (Rollout.Member m : members) {
            if (steps.isEmpty() || steps.get(steps.size() - 1).step() != m.step()) {
                steps.add(new Step(m.step(), new ArrayList<>()));
            }
            steps.get(steps.size() - 1)
                    .gateways()
                    .add(new Member(
                            m.gatewayId(),
                            m.targetVersion(),
                            m.status().wireName(),
                            m.sentAt(),
                            m.doneAt(),
                            m.reason()));
        }
        return new RolloutView(
                r.id(),
                r.kind().wireName(),
                r.status().wireName(),
                r.reason(),
                r.percentSteps(),
                r.pace().toString(),
                r.watch().toString(),
                r.createdBy(),
                r.createdAt(),
                r.finishedAt(),
                r.currentStep(),
                r.status() == RolloutStatus.RUNNING && r.stepStartedAt() == null ? r.nextStepAt() : null,
                steps);
    }
}
