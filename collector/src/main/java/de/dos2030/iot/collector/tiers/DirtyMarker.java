package de.dos2030.iot.collector.tiers;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks the windows of stored batches dirty, with group commit: ingest hands in a batch's windows
 * (usually 1 to 3) and gets a future; one thread takes everything queued, merges it (many batches
 * of one hour are one window) and marks it in one transaction of the {@link DirtySet}. A batch costs
 * at most one upsert, usually a share of one. The future completes after the transaction committed,
 * on a completion thread (what ingest chains on it must not hold up the next transaction), and fails
 * when the relational store failed: ingest then answers "try later" and the gateway's re-send marks
 * again. With {@code collector.rollup.enabled=false} nothing is marked.
 */
@Singleton
public class DirtyMarker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DirtyMarker.class);
    /** Most windows in one transaction: keeps a transaction short after a backlog built up. */
    private static final int MAX_WINDOWS = 2000;

    private final DirtySet dirty;
    private final Clock clock;
    private final boolean enabled;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final ExecutorService completions = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "rollup-marks-done");
        t.setDaemon(true);
        return t;
    });
    private final Thread marker;
    private final Timer markTimer;
    private final Counter windowsMarked;
    private volatile boolean running = true;

    public DirtyMarker(DirtySet dirty, RollupConfig config, Clock clock, MeterRegistry meters) {
        this.dirty = dirty;
        this.clock = clock;
        this.enabled = config.enabled();
        this.markTimer = Timer.builder("collector.rollup.mark")
                .description("transactions that marked the windows of stored batches dirty")
                .register(meters);
        this.windowsMarked = Counter.builder("collector.rollup.marked.windows")
                .description("windows marked dirty (after merging the batches of one transaction)")
                .register(meters);
        this.marker = new Thread(this::markLoop, "rollup-marks");
        this.marker.setDaemon(true);
        if (enabled) {
            marker.start();
        }
    }

    /** Marks {@code windows} dirty; completes once they are committed, fails when the store failed. */
    public CompletableFuture<Void> mark(Collection<DirtyWindow> windows) {
        if (!enabled || windows.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!running) {
            done.completeExceptionally(new IllegalStateException("collector is shutting down"));
            return done;
        }
        queue.add(new Pending(windows, done));
        return done;
    }

    private void markLoop() {
        while (running) {
            List<Pending> group = new ArrayList<>();
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            TreeSet<DirtyWindow> windows = new TreeSet<>(DirtyWindow.KEY_ORDER);
            windows.addAll(group.get(0).windows);
            Pending next;
            while (windows.size() < MAX_WINDOWS && (next = queue.poll()) != null) {
                group.add(next);
                windows.addAll(next.windows);
            }
            RuntimeException failure = null;
            long start = System.nanoTime();
            try {
                dirty.mark(windows, clock.instant());
                markTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                windowsMarked.increment(windows.size());
            } catch (RuntimeException e) {
                LOG.warn(
                        "Dirty rollup windows of {} batches not marked, they are told to try later: {}",
                        group.size(),
                        e.toString());
                failure = e;
            }
            for (Pending p : group) {
                finish(p, failure);
            }
        }
    }

    private void finish(Pending p, RuntimeException failure) {
        Runnable complete = failure == null ? () -> p.done.complete(null) : () -> p.done.completeExceptionally(failure);
        try {
            completions.execute(complete);
        } catch (RejectedExecutionException e) {
            complete.run();
        }
    }

    @PreDestroy
    @Override
    public void close() {
        running = false;
        marker.interrupt();
        Pending p;
        while ((p = queue.poll()) != null) {
            finish(p, new IllegalStateException("collector is shutting down"));
        }
        completions.shutdown();
    }

    private record Pending(Collection<DirtyWindow> windows, CompletableFuture<Void> done) {}
}
