package de.dos2030.iot.collector.fleet.drift;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.fleet.reported.ReportedChange;
import de.dos2030.iot.model.FleetChange;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DriftStateTest {
    static final String V = "sha256:0123456789ab";

    static ReportedChange change(String version, FleetChange.Outcome outcome) {
        return new ReportedChange("gw", FleetChange.Kind.CONFIG, version, outcome, null, Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void aGatewayIsInSyncOnlyWhenItRunsTheDesiredVersionAndIsNotStillWatchingIt() {
        assertThat(DriftState.of(null, "sha256:x", null)).isEqualTo(DriftState.NONE);
        assertThat(DriftState.of(V, V, null)).isEqualTo(DriftState.IN_SYNC);
        assertThat(DriftState.of(V, V, change(V, FleetChange.Outcome.APPLYING))).isEqualTo(DriftState.PENDING);
        assertThat(DriftState.of(V, "sha256:old", null)).isEqualTo(DriftState.PENDING);
        assertThat(DriftState.of(V, "sha256:old", change(V, FleetChange.Outcome.ROLLED_BACK)))
                .isEqualTo(DriftState.ROLLED_BACK);
        assertThat(DriftState.of(V, "sha256:old", change(V, FleetChange.Outcome.REFUSED)))
                .isEqualTo(DriftState.REFUSED);
        assertThat(DriftState.of(V, "sha256:old", change("sha256:other", FleetChange.Outcome.ROLLED_BACK)))
                .as("a rollback of an earlier version says nothing about this one")
                .isEqualTo(DriftState.PENDING);
        assertThat(DriftState.ROLLED_BACK.wireName()).isEqualTo("rolled-back");
    }
}
