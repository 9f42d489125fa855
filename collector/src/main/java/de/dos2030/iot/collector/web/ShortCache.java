package de.dos2030.iot.collector.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Answers kept for a few seconds per key, so that 200 people looking at one classroom cost one set of
 * InfluxDB queries per {@code ttl}, not 200: the first caller after expiry loads, callers meanwhile
 * wait for that same load (no stampede). A failed load is not kept. At most {@code maxKeys} keys:
 * past that, expired entries are dropped. Thread-safe.
 */
public final class ShortCache<K, V> {
    private record Entry<V>(long expires, FutureTask<V> task) {}

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration ttl;
    private final int maxKeys;

    public ShortCache(Clock clock, Duration ttl, int maxKeys) {
        this.clock = clock;
        this.ttl = ttl;
        this.maxKeys = maxKeys;
    }

    /**
     * The answer for {@code key}, loaded by {@code load} when there is none younger than the ttl.
     *
     * @throws RuntimeException what {@code load} threw (an error the caller maps, e.g. a 400 or 503)
     */
    public V get(K key, Supplier<V> load) {
        long now = clock.millis();
        Entry<V> e = entries.get(key);
        if (e == null || e.expires() <= now) {
            Entry<V> fresh = new Entry<>(now + ttl.toMillis(), new FutureTask<>(load::get));
            boolean mine = e == null ? entries.putIfAbsent(key, fresh) == null : entries.replace(key, e, fresh);
            if (mine) {
                if (entries.size() > maxKeys) {
                    entries.values().removeIf(old -> old.expires() <= now);
                }
                fresh.task().run();
                e = fresh;
            } else {
                e = entries.getOrDefault(key, fresh);
                if (e == fresh) {
                    fresh.task().run(); // the winner's entry was dropped meanwhile
                }
            }
        }
        try {
            return e.task().get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + key, ex);
        } catch (ExecutionException ex) {
            entries.remove(key, e);
            if (ex.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(ex.getCause());
        }
    }
}
