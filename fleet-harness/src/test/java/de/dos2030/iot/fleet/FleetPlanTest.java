package de.dos2030.iot.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.dos2030.iot.model.SiteKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetPlanTest {

    @TempDir
    Path dir;

    @Test
    void readsOneMemberPerLineSkippingCommentsAndBlankLines() throws Exception {
        Path plan = Files.writeString(
                dir.resolve("plan.txt"),
                "# written by load-test.sh\nlt-school-0001 lt-gs-0001 school\n\n  lt-bridge-0001\tlt-br-0001 BRIDGE\n");

        assertThat(FleetPlan.read(plan).members())
                .containsExactly(
                        new FleetPlan.Member("lt-school-0001", "lt-gs-0001", SiteKind.SCHOOL, 0),
                        new FleetPlan.Member("lt-bridge-0001", "lt-br-0001", SiteKind.BRIDGE, 1));
    }

    @Test
    void namesFileAndLineOfAnUnknownKind() throws Exception {
        Path plan = Files.writeString(dir.resolve("plan.txt"), "a s school\nb s hospital\n");

        assertThatThrownBy(() -> FleetPlan.read(plan))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(plan + ":2: kind 'hospital' is neither school nor bridge");
    }

    @Test
    void namesFileAndLineOfALineWithoutThreeFields() throws Exception {
        Path plan = Files.writeString(dir.resolve("plan.txt"), "a s\n");

        assertThatThrownBy(() -> FleetPlan.read(plan))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(plan + ":1: expected '<gateway-id> <site-id> school|bridge', got 'a s'");
    }
}
