package de.dos2030.iot.collector.tiers;

import de.dos2030.iot.collector.rollup.Tier;
import de.dos2030.iot.collector.storage.RetentionConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.annotation.PreDestroy;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the rollup tiers up to date: in rounds, claims due dirty windows with a lease in the shared
 * database ({@link DirtySet}), recomputes them ({@link WindowRecompute}), writes their cells and
 * removes each mark unless a batch marked the window again meanwhile.
 *
 * <p>Threading: one thread ({@code rollup-rounds}) looks for due windows and claims them, then hands
 * them to {@code collector.rollup.threads} threads ({@code rollup-N}) and waits for the round to end
 * before it looks again; it sleeps {@code poll-interval} after a round that found nothing. Instances
 * share the work through the leases: a window is recomputed by one instance at a time, and one killed
 * in the middle of a recompute leaves its lease to expire, after which another instance (or itself,
 * restarted) takes the window. Before writing, a recompute renews its lease and gives up if it lost
 * it; so a lease must outlast the longest recompute, which the default (5 min) does by far.
 *
 * <p>Metrics: {@code collector.rollup.recomputes} (by tier and outcome: done, remarked, failed, expired,
 * lost), {@code collector.rollup.recompute} (time per window), {@code collector.rollup.dirty.windows},
 * {@code collector.rollup.lag.seconds} (age of the oldest unabsorbed mark).
 */
@Context
public class RollupWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RollupWorker.class);

    private final DirtySet dirty;
    private final WindowRecompute recompute;
    private final TierStore store;
    private final RollupConfig config;
    private final RetentionConfig retention;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ApplicationEventPublisher<WindowRecomputed> events;
    private final String owner;
    private final ExecutorService rounds;
    private final ExecutorService workers;
    private final AtomicLong dirtyWindows = new AtomicLong();
    private final AtomicLong lagSeconds = new AtomicLong();
    private volatile boolean running = true;

    /** Published after each recompute that wrote its cells (for tests and diagnostics). */
    public record WindowRecomputed(DirtyWindow window, String owner, Instant started, Instant ended, boolean removed) {}

    public RollupWorker(
            DirtySet dirty,
            WindowRecompute recompute,
            TierStore store,
            RollupConfig config,
            RetentionConfig retention,
            Clock clock,
            MeterRegistry meters,
            ApplicationEventPublisher<WindowRecomputed> events) {
        this.dirty = dirty;
        this.recompute = recompute;
        this.store = store;
        this.config = config;
        this.retention = retention;
        this.clock = clock;
        this.meters = meters;
        this.events = events;
        this.owner = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        meters.gauge("collector.rollup.dirty.windows", dirtyWindows);
        meters.gauge("collector.rollup.lag.seconds", lagSeconds);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.threads(), r -> daemon(r, "rollup-" + n.getAndIncrement()));
        this.rounds = Executors.newSingleThreadExecutor(r -> daemon(r, "rollup-rounds"));
        if (config.enabled()) {
            rounds.execute(this::loop);
        }
    }

    /** This instance's name in leases. */
    public String owner() {
        return owner;
    }

    private void loop() {
        while (running) {
            int claimed = 0;
            try {
                claimed = round();
            } catch (RuntimeException e) {
                LOG.warn("Rollup round failed (will retry): {}", e.toString());
            }
            if (claimed == 0) {
                try {
                    Thread.sleep(config.pollInterval().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** One round: claims up to windows-per-round due windows, recomputes them, waits for them; returns how many. */
    int round() {
        Instant now = clock.instant();
        DirtySet.Backlog backlog = dirty.backlog();
        dirtyWindows.set(backlog.windows());
        lagSeconds.set(
                backlog.oldestMark() == null
                        ? 0
                        : Math.max(
                                0, Duration.between(backlog.oldestMark(), now).toSeconds()));
        List<Future<?>> running = new ArrayList<>();
        for (DirtyWindow w : dirty.due(now, config.settleDelay(), config.maxDelay(), config.windowsPerRound())) {
            DirtySet.Claim claim = dirty.claim(w, owner, now, now.plus(config.lease()));
            if (claim != null) {
                running.add(workers.submit(() -> recompute(claim)));
            }
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warn("Rollup recompute failed: {}", e.getCause().toString());
            }
        }
        return running.size();
    }

    private void recompute(DirtySet.Claim claim) {
        DirtyWindow w = claim.window();
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        try {
            if (pastRetention(w, started)) {
                LOG.debug("Rollup window {} is older than its source's retention: dropped", w);
                dirty.drop(claim, owner);
                count(w, "expired");
                return;
            }
            WindowRecompute.Result result = recompute.compute(w);
            if (!dirty.renew(claim, owner, clock.instant().plus(config.lease()))) {
                LOG.warn(
                        "Rollup window {}: lease lost during the recompute (longer than collector.rollup.lease?), "
                                + "left to its new holder",
                        w);
                count(w, "lost");
                return;
            }
            for (Map.Entry<Tier, List<String>> e : result.lines().entrySet()) {
                store.write(w.siteKind(), e.getKey(), e.getValue());
            }
            dirty.mark(result.dirtyDays(), clock.instant());
            boolean removed = dirty.finish(claim, owner, started);
            count(w, removed ? "done" : "remarked");
            Timer.builder("collector.rollup.recompute")
                    .tag("tier", w.tier().wireName())
                    .description("time to recompute one dirty window")
                    .register(meters)
                    .record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
            events.publishEvent(new WindowRecomputed(w, owner, started, clock.instant(), removed));
        } catch (RuntimeException e) {
            count(w, "failed");
            LOG.warn("Rollup window {} not recomputed (retried after {}): {}", w, config.settleDelay(), e.toString());
            try {
                dirty.release(claim, owner, clock.instant().plus(config.settleDelay()));
            } catch (RuntimeException again) {
                LOG.warn("Rollup window {} not released, its lease expires by itself: {}", w, again.toString());
            }
        }
    }

    /** Whether the data a window is computed from is gone: raw readings for an hour, the finer tier for a day. */
    private boolean pastRetention(DirtyWindow w, Instant now) {
        Duration keep = retention.duration(w.siteKind(), recompute.sourceOf(w));
        return keep != null && w.start().isBefore(now.minus(keep));
    }

    private void count(DirtyWindow w, String outcome) {
        meters.counter("collector.rollup.recomputes", "tier", w.tier().wireName(), "outcome", outcome)
                .increment();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static String hostName() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            return h.length() > 40 ? h.substring(0, 40) : h;
        } catch (java.io.IOException e) {
            return "collector";
        }
    }

    @PreDestroy
    @Override
    public void close() {
        running = false;
        rounds.shutdownNow();
        workers.shutdown();
        try {
            // A recompute in flight finishes (and removes its mark) if it can; otherwise its lease expires.
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
    }
}
