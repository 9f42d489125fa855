package de.dos2030.iot.collector.fleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.fleet.reported.ReportedChange;
import de.dos2030.iot.model.FleetChange;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RolloutJudgeTest {
    static final String V = "sha256:0123456789ab";
    static final Instant SENT = Instant.parse("2026-12-05T10:00:00Z");

    static ReportedChange change(String version, FleetChange.Outcome outcome, Instant received) {
        return new ReportedChange("gw", FleetChange.Kind.CONFIG, version, outcome, "why", received, received);
    }

    @Test
    void aRollbackReceivedAfterTheGatewayWasAskedFailsItWithTheGatewaysReason() {
        RolloutJudge.Verdict v = RolloutJudge.judge(
                V, SENT, change(V, FleetChange.Outcome.ROLLED_BACK, SENT.plusSeconds(30)), "sha256:old", null);
        assertThat(v.step()).isEqualTo(GatewayStep.ROLLED_BACK);
        assertThat(v.reason()).isEqualTo("why");
    }

    @Test
    void aRollbackOfTheSameVersionFromBeforeTheRolloutIsHistory() {
        RolloutJudge.Verdict v = RolloutJudge.judge(
                V, SENT, change(V, FleetChange.Outcome.ROLLED_BACK, SENT.minusSeconds(30)), "sha256:old", null);
        assertThat(v.step()).isNull();
    }

    @Test
    void aCommitOrRunningTheVersionAfterTheAskCountsButApplyingDoesNot() {
        assertThat(RolloutJudge.judge(V, SENT, change(V, FleetChange.Outcome.COMMITTED, SENT), V, SENT)
                        .step())
                .isEqualTo(GatewayStep.COMMITTED);
        assertThat(RolloutJudge.judge(V, SENT, null, V, SENT.plusSeconds(1)).step())
                .isEqualTo(GatewayStep.COMMITTED);
        assertThat(RolloutJudge.judge(V, SENT, null, V, SENT.minusSeconds(1)).step())
                .isNull();
        assertThat(RolloutJudge.judge(
                                V,
                                SENT,
                                change(V, FleetChange.Outcome.APPLYING, SENT.plusSeconds(1)),
                                V,
                                SENT.plusSeconds(1))
                        .step())
                .isNull();
        assertThat(RolloutJudge.judge(V, SENT, change(V, FleetChange.Outcome.REFUSED, SENT), "x", SENT)
                        .step())
                .isEqualTo(GatewayStep.REFUSED);
    }
}
