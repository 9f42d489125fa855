package de.dos2030.iot.edge.runtime;

import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.edge.fleet.ConfigApplier;
import de.dos2030.iot.edge.fleet.ConfigFiles;
import de.dos2030.iot.edge.fleet.FleetChanges;
import de.dos2030.iot.edge.fleet.Reconfigurable;
import de.dos2030.iot.edge.fleet.SensorWatch;
import de.dos2030.iot.edge.outbox.BatchOrigin;
import de.dos2030.iot.edge.outbox.Outbox;
import de.dos2030.iot.edge.outbox.OutboxEntry;
import de.dos2030.iot.edge.outbox.OutboxListener;
import de.dos2030.iot.edge.outbox.OutboxSettings;
import de.dos2030.iot.edge.pipeline.Pipeline;
import de.dos2030.iot.edge.sim.TimeLapse;
import de.dos2030.iot.edge.source.SimulatedWorld;
import de.dos2030.iot.model.FleetChange;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway agent process. What lives as long as the process: the outbox, the link (uplink and
 * dispatcher), the simulated chips, health and the timers. What one configuration runs, the
 * {@link Station} (sensors -> pipeline -> batcher), is replaced in-process by {@link #switchTo} when a
 * remote configuration arrives ({@link ConfigApplier}). {@link #close()} is the graceful shutdown
 * (SIGTERM): sensors stop, open batches are journaled, the journal is synced, MQTT announces offline.
 */
public final class Agent implements AutoCloseable, Reconfigurable {
    private static final Logger log = LoggerFactory.getLogger(Agent.class);
    public static final String VERSION = "0.1.0";

    /**
     * @param healthInterval how often a health batch is journaled
     * @param stateDir       where the rule state and remote configurations live; next to the outbox when null
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

    /**
     * What remote configuration needs beyond the model: the running file's text (without it, none is taken),
     * what relative paths of a remote file resolve against, and an outcome the start-up found (a killed apply).
     */
    public record Remote(String yaml, Path baseDirectory, Optional<FleetChange> startupChange) {
        public static Remote none() {
            return new Remote(null, null, Optional.empty());
        }
    }

    private final Clock clock = Clock.systemUTC();
    private final Options options;
    private final Outbox outbox;
    private final ClockSyncProbe clockSync = ClockSyncProbe.ofThisMachine();
    private final SimulatedWorld world;
    private final Path stateDir;
    private final FleetChanges changes = new FleetChanges();
    private final HealthReporter health;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "agent-timers");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Held while the station is used or replaced: the timers never tick a station that is closing. */
    private final Object stationLock = new Object();

    private final FleetSide fleet;
    private final UpdateSide updates;
    private final Instant started = clock.instant();
    private volatile Running running;
    private volatile Station station;
    private volatile Link link;
    private long lostToDiskErrorsBefore;

    public Agent(GatewayConfig config, String configVersion, Options options) throws Exception {
        this(config, configVersion, options, Remote.none());
    }

    /**
     * Opens the outbox (recovering it), the sensors and the pipeline; nothing runs until {@link #start()}.
     *
     * @throws Exception when the outbox directory, the rule state or an output pin cannot be opened
     */
    public Agent(GatewayConfig config, String configVersion, Options options, Remote remote) throws Exception {
        this.options = options;
        this.running = new Running(config, remote.yaml(), configVersion);
        String bootId = BatchOrigin.newBootId(clock.instant());
        this.outbox = Outbox.open(
                OutboxSettings.of(config.outbox()),
                new BatchOrigin(config.id(), config.site().id(), bootId),
                clock);
        this.outbox.addListener(new FirstReading());
        clockSync.refresh();
        this.stateDir = stateDir(config, options.stateDir());
        Instant now = clock.instant();
        this.world = new SimulatedWorld(
                clock, new TimeLapse(now, options.simStart() == null ? now : options.simStart(), options.simSpeed()));
        remote.startupChange().ifPresent(changes::record);
        this.updates = new UpdateSide(config, changes, clock);
        this.fleet = new FleetSide(this, remote, new ConfigFiles(stateDir), changes, outbox, clock, updates.offers());
        this.link = new Link(config, outbox, clock, fleet.receiver());
        this.station = Station.open(config, clock, world, outbox, clockSync, stateDir, Pipeline.ORPHAN_REASON);
        this.health = new HealthReporter(
                outbox,
                clock,
                VERSION,
                () -> running.version(),
                this::lostToDiskErrors,
                clockSync,
                () -> link.clockOffset(),
                () -> PlaceOfConfig.of(running.config()),
                changes);
        log.info(
                "event=agent-starting gateway={} site={} boot-id={} sensors={}/{} uplink=\"{}\" outbox={} state={}"
                        + " config-version={}",
                config.id(),
                config.site().id(),
                bootId,
                station.runningSensors(),
                config.sensors().size(),
                link.name(),
                config.outbox().directory(),
                stateDir,
                configVersion);
    }

    /** Where rule state and remote configurations live: {@code option}, or next to the outbox directory. */
    public static Path stateDir(GatewayConfig config, Path option) {
        Path outboxDir = config.outbox().directory();
        return option != null ? option : outboxDir.resolveSibling(outboxDir.getFileName() + ".state");
    }

    public void start() {
        link.start();
        station.start();
        timers.scheduleAtFixedRate(this::everySecond, 1, 1, TimeUnit.SECONDS);
        timers.scheduleAtFixedRate(this::closeAgedBatches, 250, 250, TimeUnit.MILLISECONDS);
        long healthMs = options.healthInterval().toMillis();
        timers.scheduleAtFixedRate(this::reportHealth, Math.min(healthMs, 60_000), healthMs, TimeUnit.MILLISECONDS);
        if (!changes.latest().isEmpty()) {
            reportHealth(); // the outcome start-up found travels at once
        }
        fleet.start(running.config());
        updates.started();
        log.info(
                "event=agent-started gateway={} since-process-start-ms={}",
                running.config().id(),
                sinceProcessStart());
    }

    @Override
    public Running running() {
        return running;
    }

    @Override
    public SensorWatch switchTo(Running next, String orphanReason) throws Exception {
        synchronized (stationLock) {
            if (closed.get()) {
                throw new IllegalStateException("the agent is stopping");
            }
            Station old = station;
            old.close(); // open batches journaled: the next station continues the outbox's sequence
            lostToDiskErrorsBefore += old.batcher().lostToDiskErrors();
            if (!link.serves(next.config())) {
                log.info("event=uplink-replaced from=\"{}\"", link.name());
                link.close();
                link = new Link(next.config(), outbox, clock, fleet.receiver());
                link.start();
            }
            station = Station.open(next.config(), clock, world, outbox, clockSync, stateDir, orphanReason);
            running = next;
            station.start();
            log.info(
                    "event=config-switched version={} sensors={}/{} outbox-next-entry={}",
                    next.version(),
                    station.runningSensors(),
                    next.config().sensors().size(),
                    outbox.nextEntryId());
            return station.watch();
        }
    }

    private void everySecond() {
        synchronized (stationLock) {
            try {
                station.tick();
            } catch (RuntimeException e) {
                log.error("event=tick-failed error=\"{}\"", e.toString(), e);
            }
        }
        updates.beat(this::healthy);
    }

    /** Every sensor open and a batch stored since the start: what a new agent must show to be kept. */
    private boolean healthy() {
        Instant stored = outbox.stats().lastStoredAt();
        return station.runningSensors() == running.config().sensors().size()
                && stored != null
                && stored.isAfter(started);
    }

    private void closeAgedBatches() {
        synchronized (stationLock) {
            try {
                station.closeAgedBatches();
                outbox.syncIfDue();
            } catch (RuntimeException e) {
                log.error("event=tick-failed error=\"{}\"", e.toString(), e);
            }
        }
    }

    @Override
    public void reportHealth() {
        try {
            health.report();
        } catch (RuntimeException e) {
            log.error("event=health-failed error=\"{}\"", e.toString(), e);
        }
    }

    private long lostToDiskErrors() {
        return lostToDiskErrorsBefore + station.batcher().lostToDiskErrors();
    }

    public Outbox outbox() {
        return outbox;
    }

    /** The latest remote changes; the agent updater records its outcomes here. */
    public FleetChanges changes() {
        return changes;
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
        log.info("event=agent-stopping gateway={}", running.config().id());
        updates.close();
        fleet.close();
        timers.shutdownNow();
        synchronized (stationLock) {
            try {
                station.close();
            } catch (RuntimeException e) {
                log.warn("event=station-close-failed error=\"{}\"", e.toString());
            }
        }
        outbox.sync();
        link.close();
        var stats = outbox.stats();
        outbox.close();
        log.info(
                "event=agent-stopped gateway={} outbox-depth={} outbox-bytes={} journal=synced",
                running.config().id(),
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
}
