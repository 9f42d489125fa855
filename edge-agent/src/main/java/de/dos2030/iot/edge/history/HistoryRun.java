package de.dos2030.iot.edge.history;

import de.dos2030.iot.config.model.Batching;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.config.model.SourceConfig;
import de.dos2030.iot.edge.batch.Batcher;
import de.dos2030.iot.edge.outbox.BatchOrigin;
import de.dos2030.iot.edge.outbox.Outbox;
import de.dos2030.iot.edge.outbox.OutboxSettings;
import de.dos2030.iot.edge.outbox.OutboxStats;
import de.dos2030.iot.edge.pipeline.Pipeline;
import de.dos2030.iot.edge.sensor.SensorScheduler;
import de.dos2030.iot.edge.sim.VirtualClock;
import de.dos2030.iot.edge.source.GatewaySensors;
import de.dos2030.iot.edge.source.SensorSources;
import de.dos2030.iot.edge.source.SimulatedWorld;
import de.dos2030.iot.edge.uplink.Dispatcher;
import de.dos2030.iot.edge.uplink.Uplink;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.validation.Validator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * A simulated gateway's past, delivered now: the gateway file's simulated chips, real drivers, scheduler
 * and pipeline run on a {@link VirtualClock} from {@code from} for {@code duration}, as fast as the CPU
 * allows; what the pipeline emits goes through the real batcher, outbox (a directory of its own) and
 * dispatcher to the configured uplink, every reading and batch stamped with its simulated time. So the
 * collector can learn a day of a bridge in a minute or two (edge-agent/README.md, "history").
 *
 * <p>Not thread-safe: one run per instance of the process. The uplink and the dispatcher run on wall time.
 */
public final class HistoryRun {

    /** Longer histories would fall out of the collector's raw retention of bridges (30 days) anyway. */
    public static final Duration MAX_DURATION = Duration.ofDays(30);

    private static final Duration SYNC_EVERY = Duration.ofHours(1);

    /**
     * @param from           first simulated instant (whole seconds)
     * @param duration       simulated time to run; {@code from + duration} must not lie in the future
     * @param sampleInterval raw samples kept per sensor and quantity (zero: all); features always pass
     * @param batchAge       simulated time a batch collects, instead of the file's {@code max-age}: a day in
     *                       10 s batches would be thousands of batches, which the collector's per-gateway rate
     *                       (20 batches/s by default) would pace to minutes
     * @param outbox         the run's own outbox directory (must hold nothing waiting)
     * @param drainTimeout   how long to wait, after the run, for the collector to store every batch
     */
    public record Options(
            Instant from,
            Duration duration,
            Duration sampleInterval,
            Duration batchAge,
            Path outbox,
            Duration drainTimeout) {
        public Options {
            if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
                throw new IllegalArgumentException(
                        "--duration " + duration + " is out of range: above 0 up to " + MAX_DURATION.toDays() + "d");
            }
            if (from.isBefore(Validator.EARLIEST)) {
                throw new IllegalArgumentException(
                        "--from " + from + " is before " + Validator.EARLIEST + ": collectors refuse such readings");
            }
            if (sampleInterval.isNegative()) {
                throw new IllegalArgumentException("--sample-interval " + sampleInterval + " must not be negative");
            }
            if (batchAge.isNegative() || batchAge.isZero()) {
                throw new IllegalArgumentException("--batch-age " + batchAge + " must be positive");
            }
            from = from.truncatedTo(ChronoUnit.SECONDS);
        }

        public Instant end() {
            return from.plus(duration);
        }
    }

    /** What a run did, for the one line the command prints. */
    public record Report(
            Instant from,
            Instant end,
            long readings,
            long samplesThinned,
            long alertsLeftOut,
            long batches,
            long stored,
            long rejected,
            long waiting,
            Duration wall) {
        public boolean complete() {
            return waiting == 0 && rejected == 0;
        }
    }

    private HistoryRun() {}

    /**
     * Refuses what a history cannot honestly produce: a sensor that is not simulated (its past is not
     * known), an end in the future of {@code wall}.
     *
     * @throws IllegalArgumentException naming the sensor or the times
     */
    public static void check(GatewayConfig gateway, Options options, Clock wall) {
        for (SensorConfig s : gateway.sensors()) {
            if (!(s.source() instanceof SourceConfig.Simulated)) {
                throw new IllegalArgumentException(
                        "sensor '" + s.id() + "' has a " + s.source().kind()
                                + " source: history runs gateway files whose sensors are all simulated"
                                + " (e.g. firmware-config/examples/bridge-simulated.yaml)");
            }
        }
        if (gateway.sensors().isEmpty()) {
            throw new IllegalArgumentException("the gateway file lists no sensors");
        }
        Instant now = wall.instant();
        if (options.end().isAfter(now)) {
            throw new IllegalArgumentException("--from " + options.from() + " plus --duration " + options.duration()
                    + " ends at " + options.end() + ", after now (" + now.truncatedTo(ChronoUnit.SECONDS)
                    + "): a history must lie in the past; use an earlier --from or a shorter --duration");
        }
    }

    /**
     * Runs the history and waits for the collector to store it (or for the drain timeout).
     *
     * @param uplinks opens the uplink on the given timer executor (the agent's {@code UplinkFactory})
     * @throws IllegalArgumentException see {@link #check}, or the outbox still holds batches of an earlier run
     */
    public static Report run(
            GatewayConfig gateway, Options options, Clock wall, Function<ScheduledExecutorService, Uplink> uplinks)
            throws InterruptedException {
        check(gateway, options, wall);
        long wallStart = System.nanoTime();
        VirtualClock clock = new VirtualClock(options.from());
        OutboxSettings configured = OutboxSettings.of(gateway.outbox());
        OutboxSettings settings = new OutboxSettings(
                options.outbox(),
                configured.maxBytes(),
                configured.segmentBytes(),
                configured.sync(),
                configured.syncInterval(),
                configured.eviction());
        // A boot of its own: the collector tracks sequence numbers per boot.
        BatchOrigin origin = new BatchOrigin(gateway.id(), gateway.site().id(), BatchOrigin.newBootId(wall.instant()));
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, daemon("history-uplink"));
        ScheduledExecutorService dispatch = Executors.newSingleThreadScheduledExecutor(daemon("history-dispatch"));
        try (Outbox outbox = Outbox.open(settings, origin, clock)) {
            if (outbox.stats().depth() > 0) {
                throw new IllegalArgumentException("outbox " + options.outbox() + " still holds "
                        + outbox.stats().depth()
                        + " batches of an earlier history run: let them drain or delete the directory");
            }
            Uplink uplink = uplinks.apply(timers);
            Dispatcher dispatcher = new Dispatcher(outbox, uplink, wall, dispatch, Dispatcher.Settings.defaults());
            try {
                dispatcher.start();
                return deliver(gateway, options, wall, clock, outbox, dispatcher, wallStart);
            } finally {
                dispatcher.close();
                uplink.close();
            }
        } finally {
            dispatch.shutdownNow();
            timers.shutdownNow();
        }
    }

    /** Simulates, then waits until the collector stored every batch or the drain timeout passed. */
    private static Report deliver(
            GatewayConfig gateway,
            Options options,
            Clock wall,
            VirtualClock clock,
            Outbox outbox,
            Dispatcher dispatcher,
            long wallStart)
            throws InterruptedException {
        // The simulated clock is exact: nothing to synchronise.
        Batching batching = new Batching(gateway.uplink().batching().maxReadings(), options.batchAge());
        Batcher batcher = new Batcher(outbox, batching, gateway.uplink().alerts(), clock, () -> ClockSync.SYNCED);
        SampleThinning thinning = new SampleThinning(batcher, options.sampleInterval());
        simulate(gateway, options, clock, outbox, batcher, thinning);
        Instant drainBy = wall.instant().plus(options.drainTimeout());
        while (outbox.stats().depth() > 0 && wall.instant().isBefore(drainBy)) {
            Thread.sleep(100);
        }
        OutboxStats stats = outbox.stats();
        Dispatcher.DispatchStats sent = dispatcher.stats();
        return new Report(
                options.from(),
                options.end(),
                thinning.passed,
                thinning.thinned,
                thinning.alertsLeftOut,
                stats.appendedBatches(),
                sent.stored(),
                sent.rejected(),
                stats.depth(),
                Duration.ofNanos(System.nanoTime() - wallStart));
    }

    /** The discrete-event run: the chips' steps in time order, the pipeline's and batcher's timers every second. */
    private static void simulate(
            GatewayConfig gateway,
            Options options,
            VirtualClock clock,
            Outbox outbox,
            Batcher batcher,
            SampleThinning output) {
        SimulatedWorld world = new SimulatedWorld(clock);
        // No GPIO: a history switches no traffic light.
        Pipeline pipeline = Pipeline.inMemory(gateway, clock, output, null);
        try (GatewaySensors sensors = GatewaySensors.open(
                gateway,
                world,
                () -> {
                    throw new IllegalStateException("history opens no hardware");
                },
                GatewaySensors.AS_CONFIGURED)) {
            if (!sensors.broken().isEmpty()) {
                throw new IllegalArgumentException(sensors.broken().get(0).message());
            }
            SensorScheduler scheduler = new SensorScheduler(clock, pipeline);
            for (SensorSources.Source source : sensors.sources()) {
                scheduler.add(source.lane(), source.acquisition());
            }
            Instant[] nextTick = {options.from().plusSeconds(1)};
            Instant[] nextSync = {options.from().plus(SYNC_EVERY)};
            scheduler.runUntil(options.end(), now -> {
                clock.setInstant(now);
                while (!clock.instant().isBefore(nextTick[0])) {
                    pipeline.tick();
                    batcher.tick();
                    nextTick[0] = nextTick[0].plusSeconds(1);
                }
                if (!clock.instant().isBefore(nextSync[0])) {
                    outbox.sync(); // not the configured interval: that would fsync every 2 simulated seconds
                    nextSync[0] = nextSync[0].plus(SYNC_EVERY);
                }
            });
            pipeline.flush();
            batcher.flush();
            outbox.sync();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
