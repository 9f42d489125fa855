package de.dos2030.iot.edge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.dos2030.iot.edge.uplink.Poll;
import de.dos2030.iot.edge.uplink.mqtt.CollectorResponder;
import de.dos2030.iot.edge.uplink.mqtt.MosquittoProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as a child process: killed with SIGKILL while it journals, restarted, and every batch
 * it had reported journaled (synced: policy every-batch) reaches the collector. SIGTERM stops it
 * gracefully with the journal synced.
 */
class AgentCrashIT {
    /** The JVM exits with 128 + 15 after its shutdown hooks ran; the unit file lists it as success. */
    static final int SIGTERM_EXIT = 143;

    static final Pattern JOURNALED = Pattern.compile("event=batch-journaled identity=(\\S+) ");

    @TempDir
    Path tmp;

    MosquittoProcess broker;
    CollectorResponder responder;
    final AtomicBoolean answering = new AtomicBoolean(false);

    @BeforeEach
    void start() throws Exception {
        assumeTrue(MosquittoProcess.available(), "Debian's mosquitto is not installed");
        broker = new MosquittoProcess(tmp.resolve("broker")).start();
        responder = new CollectorResponder(
                broker.url(),
                (b, n) -> answering.get()
                        ? new CollectorResponder.Answer.Stored()
                        : new CollectorResponder.Answer.Silent());
    }

    @AfterEach
    void stop() throws Exception {
        responder.close();
        broker.close();
    }

    Path config() throws Exception {
        Path file = tmp.resolve("gw.yaml");
        Files.writeString(file, """
                id: crash-gw
                site: {id: crash-site, kind: bridge, name: Crash test bridge}
                uplink:
                  primary: {url: "%s", ack-timeout: 2s}
                  batching: {max-readings: 20, max-age: 1s}
                outbox:
                  directory: %s
                  max-size: 16MiB
                  sync: every-batch
                  evict: oldest-readings-first
                sensors:
                  - id: s-strain
                    driver: ads1115
                    source: {kind: simulated, scenario: bridge-traffic, seed: 7}
                    i2c: {bus: 1, address: 0x48}
                    sample-rate: 100Hz
                    calibration: {gauge-factor: 2.05, excitation-voltage: 3.3}
                """.formatted(broker.url(), tmp.resolve("outbox")));
        return file;
    }

    static Set<String> journaled(AgentProcess agent) {
        Set<String> out = new TreeSet<>();
        for (String line : agent.lines(l -> l.contains("event=batch-journaled"))) {
            Matcher m = JOURNALED.matcher(line);
            if (m.find()) {
                out.add("crash-gw/" + m.group(1));
            }
        }
        return out;
    }

    @Test
    void deliversEverySyncedBatchAfterAKillDashNineAndReportsTheTornTail() throws Exception {
        Path config = config();
        Set<String> synced;
        try (AgentProcess first = new AgentProcess(config)) {
            first.awaitLine(l -> l.contains("identity=") && l.contains("/30 kind=SAMPLES"), Duration.ofSeconds(30));
            first.kill9();
            synced = journaled(first);
        }
        assertThat(synced).hasSizeGreaterThanOrEqualTo(31);
        // What a power cut adds to a kill: half a record at the end of the active segment.
        Path last;
        try (Stream<Path> files = Files.list(tmp.resolve("outbox"))) {
            last = files.filter(p -> p.toString().endsWith(".seg"))
                    .sorted()
                    .reduce((a, b) -> b)
                    .orElseThrow();
        }
        Files.write(last, new byte[] {(byte) 0xD0, 0x5B, 0x0A, 0x7C, 0, 0, 1, 0, 1, 2, 3}, StandardOpenOption.APPEND);

        answering.set(true);
        try (AgentProcess second = new AgentProcess(config)) {
            // The finding is logged right after the summary: wait for it, not only for the summary.
            second.awaitLine(l -> l.contains("event=outbox-recovery-finding"), Duration.ofSeconds(20));
            assertThat(second.lines(l -> l.contains("event=outbox-recovered")).get(0))
                    .contains("torn-tail-bytes=11", "corrupt-records=0");
            assertThat(second.lines(l -> l.contains("event=outbox-recovery-finding")))
                    .singleElement()
                    .asString()
                    .contains("torn tail");
            Poll.until(
                    Duration.ofSeconds(60),
                    () -> responder.storedAt().keySet().containsAll(synced),
                    () -> "not delivered: " + missing(synced));
            assertThat(second.terminate(Duration.ofSeconds(15))).isEqualTo(SIGTERM_EXIT);
            assertThat(second.lines(l -> l.contains("event=agent-stopped")))
                    .as(second.log())
                    .singleElement()
                    .asString()
                    .contains("journal=synced");
        }
    }

    private Set<String> missing(Set<String> expected) {
        Set<String> m = new TreeSet<>(expected);
        m.removeAll(responder.storedAt().keySet());
        return m;
    }

    @Test
    void stopsGracefullyOnSigtermAndLosesNothingItHadSampled() throws Exception {
        Path config = config();
        Set<String> journaledBeforeStop;
        try (AgentProcess agent = new AgentProcess(config)) {
            agent.awaitLine(l -> l.contains("/5 kind=SAMPLES"), Duration.ofSeconds(30));
            assertThat(agent.terminate(Duration.ofSeconds(15))).isEqualTo(SIGTERM_EXIT);
            journaledBeforeStop = journaled(agent);
            List<String> stopped = agent.lines(l -> l.contains("event=agent-stopped"));
            assertThat(stopped)
                    .as(agent.log())
                    .singleElement()
                    .asString()
                    .contains("outbox-depth=" + journaledBeforeStop.size());
        }
        answering.set(true);
        try (AgentProcess again = new AgentProcess(config)) {
            again.awaitLine(l -> l.contains("event=outbox-recovered"), Duration.ofSeconds(20));
            assertThat(again.lines(l -> l.contains("event=outbox-recovered")).get(0))
                    .contains("pending=" + journaledBeforeStop.size(), "torn-tail-bytes=0");
            Poll.until(
                    Duration.ofSeconds(60),
                    () -> responder.storedAt().keySet().containsAll(journaledBeforeStop),
                    () -> "not delivered: " + missing(journaledBeforeStop));
        }
    }
}
