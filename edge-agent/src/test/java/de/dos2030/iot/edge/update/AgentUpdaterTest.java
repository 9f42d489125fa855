package de.dos2030.iot.edge.update;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.model.FleetChange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentUpdaterTest {
    @TempDir
    Path tmp;

    TestGateway gw;

    @BeforeEach
    void start() throws Exception {
        gw = new TestGateway(tmp);
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void aSignedReleaseIsInstalledInTheOtherSlotSwitchedOnAndReportedApplying() throws Exception {
        String[] r = gw.publish("0.2.0");
        AgentUpdater updater = gw.updater("0.1.0");

        assertThat(updater.offer(r[0], r[1], r[2], r[3])).isEqualTo(AgentUpdater.Result.SWITCHED);

        assertThat(gw.current()).isEqualTo("b");
        assertThat(Files.readString(gw.slots.resolve("b/edge-agent.jar"))).isEqualTo(TestGateway.jarText("0.2.0"));
        assertThat(Files.readString(gw.slots.resolve("b/VERSION")).trim()).isEqualTo("0.2.0");
        PendingUpdate pending = new AgentSlots(gw.slots).pending().orElseThrow();
        assertThat(pending.slot()).isEqualTo("b");
        assertThat(pending.previous()).isEqualTo("a");
        assertThat(pending.deadline()).isEqualTo(gw.now.plusSeconds(300));
        assertThat(pending.starts()).isZero();
        assertThat(gw.outcomes).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(FleetChange.Kind.AGENT);
            assertThat(c.version()).isEqualTo("0.2.0");
            assertThat(c.outcome()).isEqualTo(FleetChange.Outcome.APPLYING);
        });
        assertThat(gw.restarts).hasValue(1);
        assertThat(gw.slots.resolve("download.part")).doesNotExist();
        assertThat(updater.offer(r[0], r[1], r[2], r[3])).as("on trial already").isEqualTo(AgentUpdater.Result.SKIPPED);
    }

    @Test
    void theNewAgentCommitsOnceHealthyAndTheOldOneCannot() throws Exception {
        String[] r = gw.publish("0.2.0");
        gw.updater("0.1.0").offer(r[0], r[1], r[2], r[3]);
        assertThat(gw.updater("0.1.0").confirmHealthy())
                .as("the old agent, before its restart")
                .isFalse();

        AgentUpdater onNew = gw.updater("0.2.0");
        assertThat(onNew.overdue()).isFalse();
        assertThat(onNew.confirmHealthy()).isTrue();
        assertThat(gw.slots.resolve("pending.json")).doesNotExist();
        assertThat(gw.outcomes.get(gw.outcomes.size() - 1).outcome()).isEqualTo(FleetChange.Outcome.COMMITTED);
        assertThat(onNew.offer(r[0], r[1], r[2], r[3])).as("already running").isEqualTo(AgentUpdater.Result.SKIPPED);
    }

    @Test
    void aNewAgentPastItsDeadlineIsOverdue() throws Exception {
        String[] r = gw.publish("0.2.0");
        gw.updater("0.1.0").offer(r[0], r[1], r[2], r[3]);
        gw.now = gw.now.plusSeconds(299);
        assertThat(gw.updater("0.2.0").overdue()).isFalse();
        gw.now = gw.now.plusSeconds(1);
        assertThat(gw.updater("0.2.0").overdue()).isTrue();
    }

    @Test
    void aCorruptedDownloadIsRefusedBecauseItsSha256Differs() throws Exception {
        String[] r = gw.publish("0.2.0");
        byte[] corrupted = gw.releases.get("0.2.0");
        corrupted[1000] = 'y';
        assertRefused(gw.updater("0.1.0"), r, "sha256 differs");
    }

    @Test
    void aReleaseSignedWithAnotherKeyIsRefused() throws Exception {
        String[] r = gw.publish("0.2.0");
        r[2] = ReleaseKeys.sign(
                ReleaseKeys.generate().getPrivate(), java.util.HexFormat.of().parseHex(r[1]));
        assertRefused(gw.updater("0.1.0"), r, "signature does not match the operator key");
    }

    @Test
    void aTamperedJarWithAMatchingSha256ButTheOldSignatureIsRefused() throws Exception {
        String[] r = gw.publish("0.2.0");
        byte[] evil = TestGateway.jarText("0.6.6").getBytes(StandardCharsets.UTF_8);
        gw.releases.put("0.2.0", evil);
        r[1] = ReleaseKeys.hex(ReleaseKeys.sha256(Files.write(tmp.resolve("evil"), evil)));
        assertRefused(gw.updater("0.1.0"), r, "signature does not match the operator key");
    }

    @Test
    void anUnsignedReleaseIsRefused() throws Exception {
        String[] r = gw.publish("0.2.0");
        r[2] = "";
        assertRefused(gw.updater("0.1.0"), r, "signature does not match the operator key");
        r[2] = Base64.getEncoder().encodeToString(new byte[64]);
        assertRefused(gw.updater("0.1.0"), r, "signature does not match the operator key");
    }

    @Test
    void aMissingReleaseOrAnotherHostIsRefusedAndAnAgentWithoutSlotsRefusesToo() throws Exception {
        String[] r = gw.publish("0.2.0");
        assertRefused(
                gw.updater("0.1.0"),
                new String[] {"0.3.0", r[1], r[2], "/api/v1/releases/0.3.0/edge-agent.jar"},
                "answered HTTP 404");
        assertRefused(
                gw.updater("0.1.0"),
                new String[] {r[0], r[1], r[2], "http://evil.example/edge-agent.jar"},
                "not on the collector");
        Files.delete(gw.slots.resolve("current"));
        assertThat(gw.updater("0.1.0").offer(r[0], r[1], r[2], r[3])).isEqualTo(AgentUpdater.Result.REFUSED);
        assertThat(gw.outcomes.get(gw.outcomes.size() - 1).reason()).contains("not started from A/B slots");
    }

    @Test
    void aRefusedReleaseIsNotDownloadedAgain() throws Exception {
        String[] r = gw.publish("0.2.0");
        r[2] = "";
        AgentUpdater updater = gw.updater("0.1.0");
        updater.offer(r[0], r[1], r[2], r[3]);
        updater.offer(r[0], r[1], r[2], r[3]);
        assertThat(gw.downloads).hasValue(1);
        assertThat(gw.outcomes).hasSize(1);
    }

    @Test
    void aReleaseTheLauncherRolledBackIsNotTriedAgain() throws Exception {
        String[] r = gw.publish("0.2.0");
        Files.writeString(gw.slots.resolve("failed"), "0.2.0 " + r[1] + "\n");
        assertThat(gw.updater("0.1.0").offer(r[0], r[1], r[2], r[3])).isEqualTo(AgentUpdater.Result.SKIPPED);
        assertThat(gw.downloads).hasValue(0);
    }

    private void assertRefused(AgentUpdater updater, String[] r, String reason) throws Exception {
        int before = gw.outcomes.size();
        assertThat(updater.offer(r[0], r[1], r[2], r[3])).isEqualTo(AgentUpdater.Result.REFUSED);
        FleetChange last = gw.outcomes.get(gw.outcomes.size() - 1);
        assertThat(gw.outcomes).hasSize(before + 1);
        assertThat(last.outcome()).isEqualTo(FleetChange.Outcome.REFUSED);
        assertThat(last.reason()).contains(reason);
        assertThat(gw.current()).as("still the running agent's slot").isEqualTo("a");
        assertThat(gw.slots.resolve("pending.json")).doesNotExist();
        assertThat(gw.slots.resolve("b/edge-agent.jar")).doesNotExist();
        assertThat(gw.slots.resolve("download.part")).doesNotExist();
        assertThat(gw.restarts).hasValue(0);
    }
}
