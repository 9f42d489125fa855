package de.dos2030.iot.edge.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.StiffnessLoss;
import de.dos2030.iot.edge.cli.EdgeAgentCommand;
import de.dos2030.iot.edge.pipeline.TestGateways;
import de.dos2030.iot.edge.source.SimulatedDamage;
import de.dos2030.iot.edge.uplink.LinkListener;
import de.dos2030.iot.edge.uplink.MessageKind;
import de.dos2030.iot.edge.uplink.SendOutcome;
import de.dos2030.iot.edge.uplink.Uplink;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;
import de.dos2030.iot.model.codec.BatchCodec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edge-agent history} on {@code bridge-simulated.yaml}: the real simulated chips, drivers, scheduler,
 * pipeline, batcher, outbox and dispatcher on a virtual clock, into an uplink that decodes and stores what
 * arrives. Simulated minutes take seconds; the readings carry the simulated (past) times.
 */
class HistoryRunTest {

    static final Instant FROM = Instant.parse("2026-03-10T10:00:00Z");

    @TempDir
    Path dir;

    /** Decodes every batch and answers "stored", as a collector would. */
    static final class StoringUplink implements Uplink {
        final List<Batch> batches = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "storing test uplink";
        }

        @Override
        public void start(LinkListener listener) {
            listener.connected(this);
        }

        @Override
        public boolean connected() {
            return true;
        }

        @Override
        public CompletableFuture<SendOutcome> send(MessageKind kind, String identity, byte[] payload) {
            try {
                batches.add(BatchCodec.cbor().decode(payload));
                return CompletableFuture.completedFuture(new SendOutcome.Stored(identity));
            } catch (Exception e) {
                return CompletableFuture.completedFuture(new SendOutcome.Rejected(e.toString()));
            }
        }

        @Override
        public void close() {}

        List<Reading> readings(Quantity q, Statistic s) {
            return batches.stream()
                    .flatMap(b -> b.readings().stream())
                    .filter(r -> r.quantity() == q && r.statistic() == s)
                    .toList();
        }
    }

    HistoryRun.Report run(GatewayConfig gateway, Duration duration, StoringUplink uplink) throws Exception {
        HistoryRun.Options options = new HistoryRun.Options(
                FROM,
                duration,
                Duration.ofMinutes(1),
                Duration.ofMinutes(2),
                dir.resolve("outbox"),
                Duration.ofMinutes(1));
        return HistoryRun.run(gateway, options, Clock.systemUTC(), timers -> uplink);
    }

    @Test
    void deliversTenSimulatedMinutesWithTheirPastTimesAndThinsRawSamplesToOneAMinute() throws Exception {
        GatewayConfig gateway = GatewayConfigLoader.load(TestGateways.example("bridge-simulated.yaml"));
        StoringUplink uplink = new StoringUplink();

        HistoryRun.Report report = run(gateway, Duration.ofMinutes(10), uplink);

        assertThat(report.complete()).as("every batch stored: %s", report).isTrue();
        assertThat(report.stored()).isEqualTo(report.batches()).isEqualTo(uplink.batches.size());
        // Batches of 2 simulated minutes (--batch-age), features and samples apart, not the file's 10 s.
        assertThat(report.batches()).isBetween(8L, 14L);
        Instant end = FROM.plus(Duration.ofMinutes(10));
        assertThat(uplink.batches).allSatisfy(b -> {
            assertThat(b.gatewayId()).isEqualTo("bridge-sim-p2");
            assertThat(b.createdAt()).isBetween(FROM, end);
            assertThat(b.readings()).allSatisfy(r -> assertThat(r.time()).isBetween(FROM, end));
        });
        long delivered =
                uplink.batches.stream().mapToLong(b -> b.readings().size()).sum();
        assertThat(delivered).isEqualTo(report.readings());
        // 60 s windows: one per simulated minute, with f1 and the deck temperature of the same window.
        assertThat(uplink.readings(Quantity.MODE_F1_FREQUENCY, Statistic.SAMPLE))
                .hasSizeBetween(7, 10);
        assertThat(uplink.readings(Quantity.TEMPERATURE, Statistic.MEAN)).hasSizeBetween(9, 10);
        // 100 Hz strain: 60 000 samples, one a minute sent.
        assertThat(uplink.readings(Quantity.STRAIN, Statistic.SAMPLE)).hasSizeBetween(9, 11);
        assertThat(report.samplesThinned()).isGreaterThan(50_000);
    }

    @Test
    void aStiffnessLossStartsItsOnsetAfterTheHistorysStart() throws Exception {
        GatewayConfig damaged = SimulatedDamage.apply(
                GatewayConfigLoader.load(TestGateways.example("bridge-simulated.yaml")),
                StiffnessLoss.parse("f1:3%@6m"));
        StoringUplink uplink = new StoringUplink();

        run(damaged, Duration.ofMinutes(12), uplink);

        List<Reading> f1 = uplink.readings(Quantity.MODE_F1_FREQUENCY, Statistic.SAMPLE);
        Instant onset = FROM.plus(Duration.ofMinutes(6));
        // A window ending at the onset is healthy; the first damaged one ends a minute after it.
        double before = f1.stream()
                .filter(r -> !r.time().isAfter(onset))
                .mapToDouble(Reading::value)
                .average()
                .orElseThrow();
        double after = f1.stream()
                .filter(r -> r.time().isAfter(onset.plusSeconds(60)))
                .mapToDouble(Reading::value)
                .average()
                .orElseThrow();
        assertThat(1 - after / before).isCloseTo(1 - Math.sqrt(0.97), within(0.003));
    }

    static String[] refused(String... args) {
        StringWriter err = new StringWriter();
        int code = EdgeAgentCommand.commandLine().setErr(new PrintWriter(err)).execute(args);
        return new String[] {String.valueOf(code), err.toString()};
    }

    @Test
    void refusesAHistoryThatEndsInTheFuture() {
        String[] r = refused(
                "history",
                "--config",
                TestGateways.example("bridge-simulated.yaml").toString(),
                "--from",
                Instant.now().minus(Duration.ofHours(1)).toString(),
                "--duration",
                "2h",
                "--outbox",
                dir.toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).contains("after now").contains("a history must lie in the past");
    }

    @Test
    void refusesAGatewayWhoseSensorsAreNotSimulated() {
        String[] r = refused(
                "history",
                "--config",
                TestGateways.example("bridge-replay.yaml").toString(),
                "--from",
                FROM.toString(),
                "--duration",
                "1h",
                "--outbox",
                dir.toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).contains("has a replay source").contains("all simulated");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void refusesADurationOfMoreThanThirtyDays() {
        String[] r = refused(
                "history",
                "--config",
                TestGateways.example("bridge-simulated.yaml").toString(),
                "--from",
                "2025-01-01T00:00:00Z",
                "--duration",
                "31d");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).contains("--duration PT744H is out of range");
    }
}
