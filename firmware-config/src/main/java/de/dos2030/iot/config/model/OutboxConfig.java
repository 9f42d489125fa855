package de.dos2030.iot.config.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's durable journal of unacknowledged batches: its directory (absolute once loaded),
 * size cap in bytes, when it syncs to disk ({@code syncInterval} present exactly when the policy
 * is {@link SyncPolicy#INTERVAL}), and what it evicts first when full.
 */
public record OutboxConfig(
        Path directory, long maxBytes, SyncPolicy sync, Optional<Duration> syncInterval, EvictionPolicy evict) {

    public static final long MIN_BYTES = 1024L * 1024;

    public OutboxConfig {
        Violation.throwIfAny("outbox", violations(directory, maxBytes, sync, syncInterval, evict));
    }

    public static List<Violation> violations(
            Path directory, long maxBytes, SyncPolicy sync, Optional<Duration> syncInterval, EvictionPolicy evict) {
        List<Violation> out = new ArrayList<>();
        if (directory == null || sync == null || syncInterval == null || evict == null) {
            out.add(Violation.of("", "directory, sync and evict are required"));
            return out;
        }
        if (maxBytes < MIN_BYTES) {
            out.add(Violation.of("max-size", maxBytes + " bytes is too small for a journal", "at least 1MiB"));
        }
        if (sync == SyncPolicy.INTERVAL && syncInterval.isEmpty()) {
            out.add(Violation.of("sync-interval", "is required when sync is interval"));
        }
        if (sync == SyncPolicy.EVERY_BATCH && syncInterval.isPresent()) {
            out.add(Violation.of(
                    "sync-interval", "applies only when sync is interval", "remove it, or sync: interval"));
        }
        syncInterval
                .filter(d -> d.isNegative() || d.isZero())
                .ifPresent(d -> out.add(Violation.of("sync-interval", "must be a positive duration")));
        return out;
    }
}
