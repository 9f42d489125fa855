package de.dos2030.iot.collector.places;

import de.dos2030.iot.collector.gateways.Gateway;
import de.dos2030.iot.collector.ingest.IngestService;
import de.dos2030.iot.model.GatewayHealth;
import de.dos2030.iot.model.PlaceReport;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the registry from the place descriptions that arrive with stored health reports. A gateway
 * sends the same description with every health report; only a changed one (its SHA-256 differs from
 * the last one applied for that gateway, kept in memory: 32 bytes a gateway) is written, on a worker
 * thread of its own so that ingest never waits for the registry. An unchanged one is compared again
 * after {@code collector.places.recheck-after}. A report that fails (database down) is tried again
 * with the next health report.
 */
@Singleton
class PlaceReports implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PlaceReports.class);

    private final PlaceRegistry registry;
    private final PlacesConfig config;
    private final Clock clock;
    private final Map<String, Applied> applied = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor worker =
            new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(1_000), r -> {
                Thread t = new Thread(r, "place-reports");
                t.setDaemon(true);
                return t;
            });

    PlaceReports(PlaceRegistry registry, PlacesConfig config, Clock clock) {
        this.registry = registry;
        this.config = config;
        this.clock = clock;
    }

    private record Applied(byte[] hash, long at) {}

    @EventListener
    void onBatch(IngestService.BatchStored stored) {
        GatewayHealth health = stored.batch().health();
        if (health == null || health.place() == null) {
            return;
        }
        Gateway sender = stored.sender();
        byte[] hash = hash(sender, health.place());
        Applied last = applied.get(sender.id());
        long now = clock.millis();
        if (last != null
                && Arrays.equals(last.hash(), hash)
                && now - last.at() < config.recheckAfter().toMillis()) {
            return;
        }
        try {
            worker.execute(() -> apply(sender, health.place(), hash));
        } catch (RejectedExecutionException e) {
            LOG.debug(
                    "Place report of {} not queued (worker busy): the next health report brings it again", sender.id());
        }
    }

    private void apply(Gateway sender, PlaceReport place, byte[] hash) {
        Applied last = applied.get(sender.id());
        if (last != null
                && Arrays.equals(last.hash(), hash)
                && clock.millis() - last.at() < config.recheckAfter().toMillis()) {
            return; // the same report queued twice
        }
        try {
            registry.applyReport(sender, place);
            applied.put(sender.id(), new Applied(hash, clock.millis()));
        } catch (RuntimeException e) {
            LOG.warn(
                    "Place report of gateway {} not written, tried again with its next health report: {}",
                    sender.id(),
                    e.toString());
        }
    }

    /** Waits until every queued report is applied (tests). */
    void drain() throws InterruptedException {
        while (worker.getQueue().size() > 0 || worker.getActiveCount() > 0) {
            Thread.sleep(10);
        }
    }

    /** SHA-256 over the registration the report is applied to and every field of the report, each length-prefixed. */
    static byte[] hash(Gateway sender, PlaceReport p) {
        StringBuilder sb = new StringBuilder(256);
        field(sb, sender.siteId());
        field(sb, sender.siteKind().wireName());
        field(sb, p.siteKind().wireName());
        field(sb, p.name());
        field(sb, p.address());
        field(sb, p.lat());
        field(sb, p.lon());
        field(sb, p.timeZone());
        field(sb, p.locations().size());
        for (PlaceReport.Location l : p.locations()) {
            field(sb, l.id());
            field(sb, l.kind().wireName());
            field(sb, l.name());
            field(sb, l.floor());
            field(sb, l.number());
            field(sb, l.at());
        }
        field(sb, p.sensors().size());
        new TreeMap<>(p.sensors()).forEach((sensor, location) -> {
            field(sb, sensor);
            field(sb, location);
        });
        try {
            return MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void field(StringBuilder sb, Object value) {
        String text = value == null ? "\u0000" : value.toString();
        sb.append(text.length()).append(':').append(text);
    }

    @PreDestroy
    @Override
    public void close() {
        worker.shutdownNow();
    }
}
