package de.dos2030.iot.collector.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBFactory;
import org.influxdb.InfluxDBIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes line-protocol points to InfluxDB with group commit: callers hand in the points of one
 * batch and get a future; {@code writerThreads} threads take whatever is queued, up to
 * {@code batchPoints} points, and send it in one request, so many small batches from many
 * gateways still make few large writes. A future completes only after InfluxDB accepted every
 * point of its batch; it fails with {@link StorageUnavailableException} when the write failed
 * after retries, or at once when more than {@code maxPendingPoints} points wait (bounded memory).
 * Each {@link Points} names its retention policy; a group sends one request per policy.
 *
 * <p>Points older than their policy's retention are dropped by InfluxDB, which then answers
 * "partial write: points beyond retention policy dropped=N" while keeping the others: that counts
 * as stored (InfluxDB would have deleted them anyway) and shows in
 * {@code collector.influx.points.expired}; a gateway retrying them would retry for ever.
 *
 * <p>Futures complete on the writer's own completion threads, never on a writer thread: what the
 * callers chain on them (sequence and activity tracking, encoding the HTTP answer, the MQTT
 * answer) would otherwise hold a writer thread away from InfluxDB. A profile of the ingest
 * benchmark showed writer threads spending about two thirds of their time on such callbacks.
 */
@Context
public class InfluxWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxWriter.class);
    private static final Pattern BEYOND_RETENTION = Pattern.compile("points beyond retention policy dropped=(\\d+)");

    private final InfluxConfig config;
    private final InfluxSchema schema;
    private final InfluxDB influx;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicLong pendingPoints = new AtomicLong();
    private final List<Thread> writers = new ArrayList<>();
    private final ExecutorService completions =
            Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "influx-write-done");
                t.setDaemon(true);
                return t;
            });
    private final Timer writeTimer;
    private final Counter failedWrites;
    private final Counter pointsWritten;
    private final Counter pointsExpired;
    private volatile boolean running = true;

    public InfluxWriter(InfluxConfig config, RetentionConfig retention, MeterRegistry meters) {
        this.config = config;
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(config.requestTimeout())
                .readTimeout(config.requestTimeout())
                .writeTimeout(config.requestTimeout())
                .retryOnConnectionFailure(false);
        this.influx = config.username() == null
                ? InfluxDBFactory.connect(config.url(), http)
                : InfluxDBFactory.connect(config.url(), config.username(), config.password(), http);
        this.influx.setLogLevel(InfluxDB.LogLevel.NONE);
        this.schema = new InfluxSchema(influx, config, retention);
        this.writeTimer = Timer.builder("collector.influx.write")
                .description("InfluxDB write requests, by outcome")
                .tag("outcome", "ok")
                .publishPercentileHistogram()
                .register(meters);
        this.failedWrites = Counter.builder("collector.influx.write.failures")
                .description("InfluxDB write requests that failed after retries")
                .register(meters);
        this.pointsWritten = Counter.builder("collector.influx.points")
                .description("points InfluxDB accepted")
                .register(meters);
        this.pointsExpired = Counter.builder("collector.influx.points.expired")
                .description("points InfluxDB dropped on arrival because they were older than their retention policy")
                .register(meters);
        meters.gauge("collector.influx.pending.points", pendingPoints);
        try {
            schema.ensure();
        } catch (RuntimeException e) {
            // Logged by the schema. InfluxDB may be down at start-up: the doors answer "try later"
            // and every write re-checks the schema first.
        }
        for (int i = 0; i < config.writerThreads(); i++) {
            Thread t = new Thread(this::writeLoop, "influx-writer-" + i);
            t.setDaemon(true);
            t.start();
            writers.add(t);
        }
    }

    /**
     * Queues the points of one batch.
     *
     * @return completes when InfluxDB accepted all of them; fails with {@link StorageUnavailableException}
     */
    public CompletableFuture<Void> write(Points lines) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (lines.isEmpty()) {
            done.complete(null);
            return done;
        }
        long after = pendingPoints.addAndGet(lines.count());
        if (after > config.maxPendingPoints() && after != lines.count()) {
            pendingPoints.addAndGet(-lines.count());
            done.completeExceptionally(new StorageUnavailableException(
                    "write queue full (" + config.maxPendingPoints() + " points waiting for InfluxDB)"));
            return done;
        }
        queue.add(new Pending(lines, done));
        return done;
    }

    /** Whether InfluxDB answers its ping. */
    public boolean ping() {
        try {
            return influx.ping().isGood();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public String url() {
        return config.url();
    }

    private void writeLoop() {
        Pending carry = null;
        while (running) {
            try {
                Pending first = carry != null ? carry : queue.take();
                carry = null;
                List<Pending> group = new ArrayList<>();
                group.add(first);
                int points = first.lines.count();
                Pending next;
                while (points < config.batchPoints() && (next = queue.poll()) != null) {
                    if (points + next.lines.count() > config.batchPoints()) {
                        carry = next;
                        break;
                    }
                    group.add(next);
                    points += next.lines.count();
                }
                writeGroup(group, points);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("InfluxDB writer thread caught an unexpected error; it keeps running", e);
            }
        }
    }

    private void writeGroup(List<Pending> group, int points) throws InterruptedException {
        try {
            Map<String, List<Points>> byPolicy = new LinkedHashMap<>();
            for (Pending p : group) {
                String policy =
                        p.lines.retentionPolicy() == null ? config.retentionPolicy() : p.lines.retentionPolicy();
                byPolicy.computeIfAbsent(policy, k -> new ArrayList<>()).add(p.lines);
            }
            for (Map.Entry<String, List<Points>> e : byPolicy.entrySet()) {
                writeWithRetry(e.getKey(), Points.requestBodies(e.getValue(), config.batchPoints()));
            }
            pointsWritten.increment(points);
            group.forEach(p -> finish(p, null));
        } catch (RefusedException e) {
            if (group.size() > 1) {
                // InfluxDB refused something in the group: write each batch alone so one bad batch fails alone.
                for (Pending p : group) {
                    writeGroup(List.of(p), p.lines.count());
                }
            } else {
                LOG.error(
                        "InfluxDB refused a batch's points: {}. The gateway will be told to try later; "
                                + "check the points' types against the measurement's existing fields",
                        e.getMessage());
                finish(group.get(0), new StorageUnavailableException("InfluxDB refused the points: " + e.getMessage()));
            }
        } catch (StorageUnavailableException e) {
            group.forEach(p -> finish(p, e));
        }
    }

    private void finish(Pending p, RuntimeException failure) {
        pendingPoints.addAndGet(-p.lines.count());
        Runnable complete = failure == null ? () -> p.done.complete(null) : () -> p.done.completeExceptionally(failure);
        try {
            completions.execute(complete);
        } catch (RejectedExecutionException e) {
            complete.run(); // shutting down: complete here rather than leave a caller waiting
        }
    }

    /** Writes the request bodies in turn, each tried up to maxAttempts times with doubling backoff. */
    private void writeWithRetry(String retentionPolicy, List<String> bodies) throws InterruptedException {
        for (String body : bodies) {
            long backoff = config.initialBackoff().toMillis();
            for (int attempt = 1; ; attempt++) {
                long start = System.nanoTime();
                try {
                    schema.ensure();
                    influx.write(
                            config.database(),
                            retentionPolicy,
                            InfluxDB.ConsistencyLevel.ONE,
                            TimeUnit.MILLISECONDS,
                            body);
                    writeTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    break;
                } catch (InfluxDBException | IllegalStateException e) {
                    Matcher expired = BEYOND_RETENTION.matcher(String.valueOf(e.getMessage()));
                    if (e instanceof InfluxDBException && expired.find()) {
                        pointsExpired.increment(Long.parseLong(expired.group(1)));
                        LOG.debug(
                                "InfluxDB dropped {} points older than {}'s retention",
                                expired.group(1),
                                retentionPolicy);
                        break; // the rest are stored
                    }
                    boolean transientError = !(e instanceof InfluxDBException ie)
                            || e instanceof InfluxDBIOException
                            || ie.isRetryWorth()
                            || isMissingDatabase(e);
                    if (isMissingDatabase(e)) {
                        schema.forget();
                    }
                    if (!transientError) {
                        failedWrites.increment();
                        throw new RefusedException(e.getMessage());
                    }
                    if (attempt >= config.maxAttempts() || !running) {
                        failedWrites.increment();
                        throw new StorageUnavailableException(
                                "InfluxDB at " + config.url() + " did not accept the write after " + attempt
                                        + " tries: " + e.getMessage(),
                                e);
                    }
                    LOG.debug(
                            "InfluxDB write failed (try {} of {}), retrying in {} ms: {}",
                            attempt,
                            config.maxAttempts(),
                            backoff,
                            e.getMessage());
                    Thread.sleep(backoff);
                    backoff *= 2;
                }
            }
        }
    }

    private static boolean isMissingDatabase(RuntimeException e) {
        return e.getMessage() != null && e.getMessage().contains("database not found");
    }

    @PreDestroy
    @Override
    public void close() {
        running = false;
        writers.forEach(Thread::interrupt);
        Pending p;
        while ((p = queue.poll()) != null) {
            finish(p, new StorageUnavailableException("collector is shutting down"));
        }
        completions.shutdown();
        influx.close();
    }

    private record Pending(Points lines, CompletableFuture<Void> done) {}

    /** InfluxDB answered 4xx: retrying the same points cannot help. */
    private static final class RefusedException extends RuntimeException {
        RefusedException(String message) {
            super(message);
        }
    }
}
