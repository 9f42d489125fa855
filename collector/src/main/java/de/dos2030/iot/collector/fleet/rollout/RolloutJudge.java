package de.dos2030.iot.collector.fleet.rollout;

import de.dos2030.iot.collector.fleet.reported.ReportedChange;
import de.dos2030.iot.model.FleetChange;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * Whether a gateway asked to change has done so, from what it reported since. An outcome counts only when this
 * collector received it after the gateway was asked (an old rollback of the same version is history); a gateway
 * that reports running the version in health after it was asked, and is not still watching it, is done too (it
 * may have had the very file already). Pure and thread-safe.
 */
public final class RolloutJudge {
    private RolloutJudge() {}

    /** The verdict: still waiting ({@code null} step), or the gateway's new step with the gateway's reason. */
    public record Verdict(
            @Nullable GatewayStep step, @Nullable String reason) {
        static final Verdict WAITING = new Verdict(null, null);
    }

    /**
     * @param target    the version the gateway was asked to run
     * @param sentAt    when it was asked (collector clock)
     * @param latest    its latest reported change of the rollout's kind, or null
     * @param running   the version its latest health reports, or null
     * @param healthAt  when that health was received (collector clock), or null
     */
    public static Verdict judge(
            String target,
            Instant sentAt,
            @Nullable ReportedChange latest,
            @Nullable String running,
            @Nullable Instant healthAt) {
        boolean aboutTarget = latest != null && latest.version().equals(target);
        if (aboutTarget && !latest.receivedAt().isBefore(sentAt)) {
            switch (latest.outcome()) {
                case COMMITTED:
                    return new Verdict(GatewayStep.COMMITTED, null);
                case ROLLED_BACK:
                    return new Verdict(GatewayStep.ROLLED_BACK, latest.reason());
                case REFUSED:
                    return new Verdict(GatewayStep.REFUSED, latest.reason());
                default:
                    return Verdict.WAITING; // applying, watching it
            }
        }
        boolean applying = aboutTarget && latest.outcome() == FleetChange.Outcome.APPLYING;
        if (target.equals(running) && healthAt != null && !healthAt.isBefore(sentAt) && !applying) {
            return new Verdict(GatewayStep.COMMITTED, null);
        }
        return Verdict.WAITING;
    }
}
