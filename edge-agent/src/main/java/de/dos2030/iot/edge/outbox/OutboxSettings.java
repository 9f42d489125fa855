package de.dos2030.iot.edge.outbox;

import de.dos2030.iot.config.model.EvictionPolicy;
import de.dos2030.iot.config.model.OutboxConfig;
import de.dos2030.iot.config.model.SyncPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox behaves. {@link #of(OutboxConfig)} takes the gateway configuration; the other
 * constructor exists so tests and benchmarks can use a small bound and small segments.
 *
 * @param directory    the journal directory; dead letters go to its {@code dead-letter} subdirectory
 * @param maxBytes     bound on the journal's files on disk
 * @param segmentBytes size at which a new segment file starts
 * @param sync         force to disk after every batch, or every {@code syncInterval}
 * @param syncInterval used with {@link SyncPolicy#INTERVAL}
 * @param eviction     what a full outbox gives up
 */
public record OutboxSettings(
        Path directory,
        long maxBytes,
        long segmentBytes,
        SyncPolicy sync,
        Duration syncInterval,
        EvictionPolicy eviction) {

    /** Largest segment: recovery reads one segment at a time into memory, and a Pi heap is small. */
    public static final long MAX_SEGMENT_BYTES = 1024 * 1024;

    public static final long MIN_SEGMENT_BYTES = 16 * 1024;

    public OutboxSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(syncInterval, "syncInterval");
        Objects.requireNonNull(eviction, "eviction");
        if (segmentBytes < MIN_SEGMENT_BYTES || segmentBytes > MAX_SEGMENT_BYTES) {
            throw new IllegalArgumentException("segment size " + segmentBytes + " bytes is outside " + MIN_SEGMENT_BYTES
                    + " to " + MAX_SEGMENT_BYTES);
        }
        if (maxBytes < 4 * segmentBytes) {
            throw new IllegalArgumentException("outbox bound " + maxBytes + " bytes must be at least four segments ("
                    + 4 * segmentBytes + " bytes)");
        }
        if (syncInterval.isNegative() || syncInterval.isZero()) {
            throw new IllegalArgumentException("sync interval must be positive, was " + syncInterval);
        }
    }

    /** Segments of a sixteenth of the bound, within 16 KiB to 1 MiB. */
    public static OutboxSettings of(OutboxConfig config) {
        long segment = Math.max(MIN_SEGMENT_BYTES, Math.min(MAX_SEGMENT_BYTES, config.maxBytes() / 16));
        return new OutboxSettings(
                config.directory(),
                config.maxBytes(),
                segment,
                config.sync(),
                config.syncInterval().orElse(Duration.ofSeconds(1)),
                config.evict());
    }

    Path deadLetterDirectory() {
        return directory.resolve("dead-letter");
    }
}
