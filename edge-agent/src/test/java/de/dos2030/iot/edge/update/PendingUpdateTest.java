package de.dos2030.iot.edge.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PendingUpdateTest {
    static final String SHA = "ab".repeat(32);

    @Test
    void readsBackWhatItWrites() {
        PendingUpdate p = new PendingUpdate(
                "0.2.0", SHA, "b", "a", Instant.parse("2026-12-05T10:05:00Z"), Duration.ofMinutes(5), 1);
        assertThat(PendingUpdate.parse(p.toJson())).isEqualTo(p);
        assertThat(p.toJson()).contains("\"watch\": \"5m\"", "\"deadline\": 1796465100");
    }

    @Test
    void namesWatchTimesAsPeopleWriteThem() {
        assertThat(PendingUpdate.human(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(PendingUpdate.human(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(PendingUpdate.human(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void refusesVersionsAndSlotsThatTheLauncherCouldMisread() {
        Instant t = Instant.EPOCH;
        Duration w = Duration.ofMinutes(5);
        assertThatThrownBy(() -> new PendingUpdate("0.2.0\", \"x", SHA, "b", "a", t, w, 0))
                .hasMessageContaining("is not valid");
        assertThatThrownBy(() -> new PendingUpdate("0.2.0", SHA, "c", "a", t, w, 0))
                .hasMessageContaining("allowed: a, b");
        assertThatThrownBy(() -> new PendingUpdate("0.2.0", SHA, "a", "a", t, w, 0))
                .hasMessageContaining("both");
        assertThatThrownBy(() -> PendingUpdate.parse("{}")).hasMessageContaining("incomplete");
    }
}
