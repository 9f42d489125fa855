package de.dos2030.iot.edge.runtime;

import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.edge.batch.Batcher;
import de.dos2030.iot.edge.outbox.BatchOrigin;
import de.dos2030.iot.edge.outbox.Outbox;
import de.dos2030.iot.edge.outbox.OutboxEntry;
import de.dos2030.iot.edge.outbox.OutboxListener;
import de.dos2030.iot.edge.outbox.OutboxSettings;
import de.dos2030.iot.edge.pipeline.Pipeline;
import de.dos2030.iot.edge.sim.TimeLapse;
import de.dos2030.iot.edge.uplink.Dispatcher;
import de.dos2030.iot.edge.uplink.Uplink;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway agent process: sensors -> pipeline -> batcher -> outbox -> dispatcher -> uplink,
 * plus the timers that close aged batches, sync the journal and report health. {@link #close()}
 * is the graceful shutdown (SIGTERM): sensors stop, open batches are journaled, the journal is
 * synced, MQTT announces offline.
 */
public final class Agent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Agent.class);
    public static final String VERSION = "0.1.0";

    /**
     * @param healthInterval how often a health batch is journaled
     * @param stateDir       where the rule state lives; next to the outbox when null
     * @param simStart       the simulated classroom's time at start; null: now
     * @param simSpeed       simulated classroom time per second of the agent's clock (1: real time)
     */
    public record Options(Duration healthInterval, Path stateDir, Instant simStart, double simSpeed) {
        public Options(Duration healthInterval, Path stateDir) {
            this(healthInterval, stateDir, null, 1);
        }

        public static Options defaults() {
            return new Options(Duration.ofMinutes(1), null);
        }
    }

    private final GatewayConfig config;
    private final Clock clock = Clock.systemUTC();
    private final Outbox outbox;
    private final Batcher batcher;
    private final Pipeline pipeline;
    private final SensorSide sensors;
    /** Bus threads queue here; the pipeline (and the outbox's fsync) runs on the hand-off thread. */
    private final SensorHandOff handOff;

    private final Uplink uplink;
    private final Dispatcher dispatcher;
    private final HealthReporter health;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(named("agent-timers"));
    private final ScheduledExecutorService uplinkTimers = Executors.newScheduledThreadPool(2, named("uplink"));
    private final ScheduledExecutorService dispatch = Executors.newSingleThreadScheduledExecutor(named("dispatch"));
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Options options;

    /**
     * Opens the outbox (recovering it), the sensors and the pipeline; nothing runs until {@link #start()}.
     *
     * @throws Exception when the outbox directory, the rule state or an output pin cannot be opened
     */
    public Agent(GatewayConfig config, String configVersion, Options options) throws Exception {
        this.config = config;
        this.options = options;
        String bootId = BatchOrigin.newBootId(clock.instant());
        Path outboxDir = config.outbox().directory();
        this.outbox = Outbox.open(
                OutboxSettings.of(config.outbox()),
                new BatchOrigin(config.id(), config.site().id(), bootId),
                clock);
        this.outbox.addListener(new FirstReading());
        ClockSyncProbe clockSync = ClockSyncProbe.ofThisMachine();
        clockSync.refresh();
        this.batcher =
                new Batcher(outbox, config.uplink().batching(), config.uplink().alerts(), clock, clockSync::current);
        this.uplink = UplinkFactory.create(config, uplinkTimers, clock);
        this.dispatcher = new Dispatcher(outbox, uplink, clock, dispatch, Dispatcher.Settings.defaults());
        Path stateDir = options.stateDir() != null
                ? options.stateDir()
                : outboxDir.resolveSibling(outboxDir.getFileName() + ".state");
        PipelineHolder holder = new PipelineHolder();
        Instant now = clock.instant();
        TimeLapse lapse = new TimeLapse(now, options.simStart() == null ? now : options.simStart(), options.simSpeed());
        this.handOff = new SensorHandOff(
                holder,
                config.sensors().stream()
                        .filter(s -> s.tilt().isPresent())
                        .map(s -> s.id())
                        .collect(java.util.stream.Collectors.toSet()));
        this.sensors = new SensorSide(config, clock, lapse, handOff);
        this.pipeline = Pipeline.create(config, clock, batcher, sensors.gpio(), stateDir);
        holder.pipeline = pipeline;
        this.health = new HealthReporter(
                outbox,
                clock,
                VERSION,
                configVersion,
                batcher::lostToDiskErrors,
                clockSync,
                dispatcher::clockOffset,
                PlaceOfConfig.of(config));
        log.info(
                "event=agent-starting gateway={} site={} boot-id={} sensors={}/{} uplink=\"{}\" outbox={} state={}",
                config.id(),
                config.site().id(),
                bootId,
                sensors.running(),
                config.sensors().size(),
                uplink.name(),
                outboxDir,
                stateDir);
        if (!lapse.isIdentity()) {
            log.info("event=simulation-time-lapse scenario-start={} speed={}", lapse.scenarioStart(), lapse.speed());
        }
    }

    public void start() {
        dispatcher.start();
        sensors.start();
        timers.scheduleAtFixedRate(this::everySecond, 1, 1, TimeUnit.SECONDS);
        timers.scheduleAtFixedRate(this::closeAgedBatches, 250, 250, TimeUnit.MILLISECONDS);
        long healthMs = options.healthInterval().toMillis();
        timers.scheduleAtFixedRate(this::reportHealth, Math.min(healthMs, 60_000), healthMs, TimeUnit.MILLISECONDS);
        log.info("event=agent-started gateway={} since-process-start-ms={}", config.id(), sinceProcessStart());
    }

    private void everySecond() {
        try {
            pipeline.tick();
        } catch (RuntimeException e) {
            log.error("event=tick-failed error=\"{}\"", e.toString(), e);
        }
    }

    private void closeAgedBatches() {
        try {
            batcher.tick();
            outbox.syncIfDue();
        } catch (RuntimeException e) {
            log.error("event=tick-failed error=\"{}\"", e.toString(), e);
        }
    }

    private void reportHealth() {
        try {
            health.report();
        } catch (RuntimeException e) {
            log.error("event=health-failed error=\"{}\"", e.toString(), e);
        }
    }

    public Outbox outbox() {
        return outbox;
    }

    static long sinceProcessStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /** Graceful shutdown; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.info("event=agent-stopping gateway={}", config.id());
        timers.shutdownNow();
        try {
            sensors.close();
        } catch (RuntimeException e) {
            log.warn("event=sensor-close-failed error=\"{}\"", e.toString());
        }
        handOff.close();
        pipeline.close();
        batcher.flush();
        outbox.sync();
        dispatcher.close();
        dispatch.shutdown();
        try {
            dispatch.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        uplink.close();
        uplinkTimers.shutdownNow();
        var stats = outbox.stats();
        outbox.close();
        log.info(
                "event=agent-stopped gateway={} outbox-depth={} outbox-bytes={} journal=synced",
                config.id(),
                stats.depth(),
                stats.diskBytes());
    }

    /** Logs when the first reading reaches the journal: how long a restarted gateway is blind. */
    private static final class FirstReading implements OutboxListener {
        private boolean seen;

        @Override
        public void appended(OutboxEntry entry) {
            if (!seen && entry.readingCount() > 0) {
                seen = true;
                log.info(
                        "event=first-reading-journaled identity={} readings={} since-process-start-ms={}",
                        entry.label(),
                        entry.readingCount(),
                        sinceProcessStart());
            }
        }
    }

    /** The sensors need a listener before the pipeline exists (the pipeline needs their GPIO). */
    private static final class PipelineHolder implements de.dos2030.iot.edge.sample.SensorListener {
        volatile Pipeline pipeline;

        @Override
        public void sample(de.dos2030.iot.edge.sample.Sample sample) {
            pipeline.sample(sample);
        }

        @Override
        public void fault(de.dos2030.iot.edge.sample.SensorFault fault) {
            pipeline.fault(fault);
        }

        @Override
        public void recovered(String sensorId, java.time.Instant time) {
            pipeline.recovered(sensorId, time);
        }

        @Override
        public void axes(
                String sensorId,
                java.time.Instant time,
                double x,
                double y,
                double z,
                de.dos2030.iot.model.Quality quality) {
            pipeline.axes(sensorId, time, x, y, z, quality);
        }
    }

    private static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
