package de.dos2030.iot.collector.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers kept for a few seconds per key, so that 200 people looking at one classroom cost one set of
 * InfluxDB queries per {@code ttl}, not 200. Once an answer is older than {@code ttl}, the next caller
 * still gets it at once while one refresh runs on {@code refresher} (stale while revalidate): nobody
 * waits for InfluxDB unless there is no answer at all or it is older than {@code maxStale}; then
 * callers wait for one shared load (no stampede). A failed load keeps the older answer. At most
 * {@code maxKeys} keys: past that, answers older than {@code maxStale} are dropped. Thread-safe.
 */
public final class ShortCache<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(ShortCache.class);

    /** One key's answer and the load under way, guarded by the slot itself. */
    private static final class Slot<V> {
        private V value;
        private long loadedAt;
        private FutureTask<V> loading;
    }

    private final Map<K, Slot<V>> slots = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long ttl;
    private final long maxStale;
    private final int maxKeys;
    private final Executor refresher;

    public ShortCache(Clock clock, Duration ttl, Duration maxStale, int maxKeys, Executor refresher) {
        if (maxStale.compareTo(ttl) < 0) {
            throw new IllegalArgumentException("maxStale " + maxStale + " is shorter than ttl " + ttl);
        }
        this.clock = clock;
        this.ttl = ttl.toMillis();
        this.maxStale = maxStale.toMillis();
        this.maxKeys = maxKeys;
        this.refresher = refresher;
    }

    /**
     * The answer for {@code key}: a fresh one, a stale one while {@code load} refreshes it in the
     * background, or, when there is none usable, the one {@code load} returns now.
     *
     * @throws RuntimeException what {@code load} threw when the caller had to wait for it (an error the
     *     caller maps, e.g. a 400 or 503)
     */
    public V get(K key, Supplier<V> load) {
        Slot<V> slot = slots.computeIfAbsent(key, k -> new Slot<>());
        FutureTask<V> task;
        boolean mine = false;
        synchronized (slot) {
            long age = clock.millis() - slot.loadedAt;
            if (slot.value != null && age < ttl) {
                return slot.value;
            }
            if (slot.loading == null) {
                slot.loading = new FutureTask<>(load::get);
                mine = true;
            }
            task = slot.loading;
            if (slot.value != null && age < maxStale) {
                if (mine) {
                    refresher.execute(() -> finish(key, slot, task));
                }
                return slot.value;
            }
        }
        if (mine) {
            if (slots.size() > maxKeys) {
                dropOld();
            }
            finish(key, slot, task);
        }
        try {
            return task.get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + key, ex);
        } catch (ExecutionException ex) {
            if (ex.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(ex.getCause());
        }
    }

    private void finish(K key, Slot<V> slot, FutureTask<V> task) {
        task.run();
        synchronized (slot) {
            slot.loading = null;
            try {
                slot.value = task.get();
                slot.loadedAt = clock.millis();
            } catch (ExecutionException e) {
                LOG.debug(
                        "refreshing {} failed; the older answer stays: {}",
                        key,
                        e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void dropOld() {
        long now = clock.millis();
        slots.values().removeIf(s -> {
            synchronized (s) {
                return s.loading == null && now - s.loadedAt >= maxStale;
            }
        });
    }
}
