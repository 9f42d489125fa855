package de.dos2030.iot.edge.bench.delivery;

import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.config.model.SourceConfig;
import de.dos2030.iot.edge.batch.Batcher;
import de.dos2030.iot.edge.outbox.BatchOrigin;
import de.dos2030.iot.edge.outbox.EntryKind;
import de.dos2030.iot.edge.outbox.Outbox;
import de.dos2030.iot.edge.outbox.OutboxSettings;
import de.dos2030.iot.edge.pipeline.Pipeline;
import de.dos2030.iot.edge.sensor.SensorScheduler;
import de.dos2030.iot.edge.sim.VirtualClock;
import de.dos2030.iot.edge.source.SensorSources;
import de.dos2030.iot.edge.source.SimulatedWorld;
import de.dos2030.iot.edge.uplink.Credentials;
import de.dos2030.iot.edge.uplink.Dispatcher;
import de.dos2030.iot.edge.uplink.mqtt.CollectorResponder;
import de.dos2030.iot.edge.uplink.mqtt.MosquittoProcess;
import de.dos2030.iot.edge.uplink.mqtt.MqttUplink;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.GatewayHealth;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One simulated hour offline of a school gateway (the school-simulated example: SCD41 every 5 s,
 * BME280 every 10 s, 5-minute features, health every minute), produced by the real sensor
 * simulation, pipeline, batcher and outbox in virtual time; then the link comes back (a Mosquitto
 * of our own and a responder playing the collector, {@code answerMillis} per batch for its
 * InfluxDB write) and the backlog drains through the MQTT uplink and dispatcher. Prints the drain
 * time and how many times faster than real time it is.
 *
 * <p>Run: {@code scripts/bench-edge-delivery.sh drain}.
 */
public final class BacklogDrainBenchmark {
    public static void main(String[] args) throws Exception {
        Path config = Path.of(args.length > 0 ? args[0] : "../firmware-config/examples/school-simulated.yaml");
        long answerMillis = args.length > 1 ? Long.parseLong(args[1]) : 2;
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "bench-drain-");
        GatewayConfig gw = GatewayConfigLoader.load(config);
        OutboxSettings settings = new OutboxSettings(
                work.resolve("outbox"),
                64L * 1024 * 1024,
                1024 * 1024,
                gw.outbox().sync(),
                gw.outbox().syncInterval().orElse(Duration.ofSeconds(1)),
                gw.outbox().evict());
        BatchOrigin origin = new BatchOrigin(gw.id(), gw.site().id(), "bench-offline-hour");

        Instant start = Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        VirtualClock clock = new VirtualClock(start);
        long produced;
        try (Outbox outbox = Outbox.open(settings, origin, clock)) {
            Batcher batcher =
                    new Batcher(outbox, gw.uplink().batching(), gw.uplink().alerts(), clock, () -> ClockSync.SYNCED);
            Pipeline pipeline = Pipeline.inMemory(gw, clock, batcher, null);
            SimulatedWorld world = new SimulatedWorld(clock);
            SensorScheduler scheduler = new SensorScheduler(clock, pipeline);
            for (SensorConfig s : gw.sensors()) {
                if (s.source() instanceof SourceConfig.Simulated) {
                    world.place(s);
                }
                SensorSources.Source source = SensorSources.create(s, world.buses());
                scheduler.add(source.lane(), source.acquisition());
            }
            for (int second = 1; second <= 3600; second++) {
                scheduler.runUntil(start.plusSeconds(second), clock::setInstant);
                pipeline.tick();
                batcher.tick();
                if (second % 60 == 0) {
                    outbox.append(
                            EntryKind.HEALTH,
                            List.of(),
                            List.of(),
                            new GatewayHealth(
                                    "bench",
                                    "bench",
                                    Duration.ofSeconds(second),
                                    outbox.stats().depth(),
                                    outbox.stats().diskBytes(),
                                    Duration.ofSeconds(second),
                                    0,
                                    null,
                                    null,
                                    ClockSync.SYNCED),
                            ClockSync.SYNCED);
                }
            }
            batcher.flush();
            scheduler.close();
            produced = outbox.stats().depth();
            System.out.printf(
                    "one offline hour of %s: %d batches, %d readings journaled, %d bytes%n",
                    gw.id(),
                    produced,
                    outbox.stats().appendedBatches() == 0 ? 0 : readings(outbox),
                    outbox.stats().diskBytes());
        }

        try (MosquittoProcess broker = new MosquittoProcess(work.resolve("broker")).start();
                CollectorResponder responder = new CollectorResponder(broker.url(), (b, n) -> {
                    sleep(answerMillis);
                    return new CollectorResponder.Answer.Stored();
                })) {
            ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
            ScheduledExecutorService dispatch = Executors.newSingleThreadScheduledExecutor();
            Clock real = Clock.systemUTC();
            Outbox outbox = Outbox.open(settings, origin, real);
            MqttUplink uplink = new MqttUplink(
                    new MqttUplink.Settings(
                            URI.create(broker.url()),
                            gw.id(),
                            gw.site().id(),
                            gw.id(),
                            Credentials.none(),
                            Duration.ofSeconds(10)),
                    timers);
            Dispatcher dispatcher = new Dispatcher(outbox, uplink, real, dispatch, Dispatcher.Settings.defaults());
            long t0 = System.nanoTime();
            dispatcher.start();
            while (outbox.stats().depth() > 0) {
                Thread.sleep(2);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    "drained %d batches in %.2f s (collector answer %d ms per batch): %.0fx real time, "
                            + "final window %.1f, retries %d%n",
                    produced,
                    seconds,
                    answerMillis,
                    3600 / seconds,
                    dispatcher.stats().window(),
                    dispatcher.stats().retries());
            dispatcher.close();
            uplink.close();
            outbox.close();
            timers.shutdownNow();
            dispatch.shutdownNow();
        }
    }

    private static long readings(Outbox outbox) {
        return outbox.waiting(null, 0, e -> true, Integer.MAX_VALUE).stream()
                .mapToLong(e -> e.readingCount())
                .sum();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
