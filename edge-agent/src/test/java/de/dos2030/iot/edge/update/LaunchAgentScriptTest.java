package de.dos2030.iot.edge.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.dos2030.iot.model.FleetChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real launch-agent.sh (bash) with a fake java: reverts, start counting, and kill -9 at every step of an update. */
class LaunchAgentScriptTest {
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

    /** Thrown at a step of the update: nothing after it runs, as after a kill -9. */
    static final class Killed extends Error {
        Killed(String step) {
            super("killed after " + step);
        }
    }

    void switchTo020() throws Exception {
        String[] r = gw.publish("0.2.0");
        assertThat(gw.updater("0.1.0").offer(r[0], r[1], r[2], r[3])).isEqualTo(AgentUpdater.Result.SWITCHED);
    }

    @Test
    void startsTheCurrentSlotsJarWithTheArgumentsAndPassesItsExitCodeOn() throws Exception {
        TestGateway.Start s = gw.launch(gw.now, 75);
        assertThat(s.ran()).isEqualTo("agent-0.1.0 run --config /etc/gw.yaml");
        assertThat(s.exit()).isEqualTo(75);
    }

    @Test
    void aNewAgentThatNeverReportsHealthyIsRevertedOnTheFirstStartAfterTheDeadline() throws Exception {
        switchTo020();
        assertThat(gw.launch(gw.now.plusSeconds(10), 0).ran()).startsWith("agent-0.2.0");
        assertThat(gw.launch(gw.now.plusSeconds(299), 0).ran())
                .as("second start, in time")
                .startsWith("agent-0.2.0");

        TestGateway.Start late = gw.launch(gw.now.plusSeconds(300), 0);

        assertThat(late.ran()).startsWith("agent-0.1.0");
        assertThat(gw.current()).isEqualTo("a");
        assertThat(gw.slots.resolve("pending.json")).doesNotExist();
        assertThat(late.stderr()).contains("new agent 0.2.0 did not report healthy within 5m");
        List<FleetChange> reported = new ArrayList<>();
        UpdateOutcomeOnStart.report(gw.slots, "0.1.0", Clock.fixed(gw.now, ZoneOffset.UTC), reported::add);
        assertThat(reported).singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo(FleetChange.Outcome.ROLLED_BACK);
            assertThat(c.version()).isEqualTo("0.2.0");
            assertThat(c.reason()).isEqualTo("new agent 0.2.0 did not report healthy within 5m");
            assertThat(c.at()).isEqualTo(gw.now.plusSeconds(300));
        });
        assertThat(gw.slots.resolve("reverted.json")).as("reported once").doesNotExist();
        String[] again = gw.publish("0.2.0");
        assertThat(gw.updater("0.1.0").offer(again[0], again[1], again[2], again[3]))
                .as("a rolled-back release is not tried again")
                .isEqualTo(AgentUpdater.Result.SKIPPED);
    }

    @Test
    void aNewAgentThatCrashesAtStartTwiceIsReverted() throws Exception {
        switchTo020();
        assertThat(gw.launch(gw.now.plusSeconds(5), 1).ran()).startsWith("agent-0.2.0");
        assertThat(gw.launch(gw.now.plusSeconds(10), 1).ran()).startsWith("agent-0.2.0");

        TestGateway.Start third = gw.launch(gw.now.plusSeconds(15), 0);

        assertThat(third.ran()).startsWith("agent-0.1.0");
        assertThat(Files.readString(gw.slots.resolve("reverted.json")))
                .contains("\"reason\": \"new agent 0.2.0 crashed at start twice\"");
        assertThat(Files.readString(gw.slots.resolve("failed"))).startsWith("0.2.0 ");
    }

    @Test
    void aCommittedAgentStaysAfterTheDeadline() throws Exception {
        switchTo020();
        gw.launch(gw.now.plusSeconds(5), 0);
        assertThat(gw.updater("0.2.0").confirmHealthy()).isTrue();
        assertThat(gw.launch(gw.now.plusSeconds(3600), 0).ran()).startsWith("agent-0.2.0");
        assertThat(gw.launch(gw.now.plusSeconds(3700), 0).ran()).startsWith("agent-0.2.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"installed", "pending", "switched"})
    void killedAtAnyStepOfAnUpdateTheAgentComesBackOnAConsistentJar(String step) throws Exception {
        String[] r = gw.publish("0.2.0");
        AgentUpdater updater = gw.updater("0.1.0");
        updater.afterStep = s -> {
            if (s.equals(step)) {
                throw new Killed(s);
            }
        };
        assertThatThrownBy(() -> updater.offer(r[0], r[1], r[2], r[3])).isInstanceOf(Killed.class);

        TestGateway.Start s = gw.launch(gw.now.plusSeconds(5), 0);

        String slot = gw.current();
        String version =
                Files.readString(gw.slots.resolve(slot).resolve("VERSION")).trim();
        assertThat(Files.readString(gw.slots.resolve(slot).resolve(AgentSlots.JAR)))
                .as("current -> %s holds the complete jar of %s", slot, version)
                .isEqualTo(TestGateway.jarText(version));
        assertThat(s.ran()).startsWith("agent-" + version);
        if (step.equals("switched")) {
            assertThat(version).isEqualTo("0.2.0");
            assertThat(new AgentSlots(gw.slots).pending().orElseThrow().starts())
                    .isEqualTo(1);
        } else {
            assertThat(version).isEqualTo("0.1.0");
            assertThat(gw.slots.resolve("pending.json")).doesNotExist();
            assertThat(gw.updater("0.1.0").offer(r[0], r[1], r[2], r[3]))
                    .as("the next offer completes the update")
                    .isEqualTo(AgentUpdater.Result.SWITCHED);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"installed", "switched"})
    void aRealKill9OfTheUpdatingJvmLeavesAConsistentJar(String step) throws Exception {
        String[] r = gw.publish("0.2.0");
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        UpdateUntilKilled.class.getName(),
                        gw.collector().toString(),
                        TestGateway.TOKEN,
                        gw.publicKey.toString(),
                        gw.slots.toString(),
                        step,
                        r[0],
                        r[1],
                        r[2],
                        r[3])
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("at "));
            assertThat(line).isEqualTo("at " + step);
            p.destroyForcibly(); // SIGKILL
            assertThat(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        assertThat(p.exitValue()).isEqualTo(137);

        TestGateway.Start s = gw.launch(java.time.Instant.now().plusSeconds(5), 0);

        String slot = gw.current();
        String version =
                Files.readString(gw.slots.resolve(slot).resolve("VERSION")).trim();
        assertThat(Files.readString(gw.slots.resolve(slot).resolve(AgentSlots.JAR)))
                .isEqualTo(TestGateway.jarText(version));
        assertThat(s.ran()).startsWith("agent-" + version);
        assertThat(version).isEqualTo(step.equals("switched") ? "0.2.0" : "0.1.0");
    }

    @Test
    void aJarTornByAKillDuringTheCopyIsNeverStarted() throws Exception {
        Files.createDirectories(gw.slots.resolve("b"));
        Files.writeString(gw.slots.resolve("b/edge-agent.jar.part"), "agent-0.2.0 xx");
        assertThat(gw.launch(gw.now, 0).ran()).startsWith("agent-0.1.0");
        switchTo020();
        assertThat(Files.readString(gw.slots.resolve("b/edge-agent.jar"))).isEqualTo(TestGateway.jarText("0.2.0"));
    }

    @Test
    void aLauncherKilledWhileRevertingRevertsOnItsNextStart() throws Exception {
        switchTo020();
        gw.launch(gw.now.plusSeconds(5), 1);
        gw.launch(gw.now.plusSeconds(6), 1);
        // killed after it wrote reverted.json, before it switched back: current -> b, pending.json still there
        Files.writeString(gw.slots.resolve("reverted.json"), "{\n  \"version\": \"0.2.0\",\n");
        assertThat(gw.launch(gw.now.plusSeconds(7), 0).ran()).startsWith("agent-0.1.0");
        assertThat(gw.current()).isEqualTo("a");
        assertThat(Files.readString(gw.slots.resolve("reverted.json"))).contains("crashed at start twice");
    }
}
