package de.dos2030.iot.edge.outbox;

import java.time.Instant;

/**
 * One unacknowledged batch in the outbox: its identity, what it carries and where its payload sits
 * in the journal (the payload itself stays on disk until it is sent).
 *
 * @param id           the outbox's own order, increasing; survives restarts
 * @param kind         decides topic, priority and eviction order
 * @param bootId       the batch's boot id (an earlier boot's for a recovered batch)
 * @param sequence     the batch's sequence number within its boot
 * @param createdAt    when the batch was closed
 * @param readingCount readings it carries, for the dropped-readings counters
 * @param frameBytes   journal bytes its record takes, what the size bound counts
 */
public record OutboxEntry(
        long id,
        EntryKind kind,
        String bootId,
        long sequence,
        Instant createdAt,
        int readingCount,
        int frameBytes,
        long segment,
        long payloadPosition,
        int payloadLength) {

    /** {@code boot/sequence}: with the gateway id, the identity the collector deduplicates on. */
    public String label() {
        return bootId + "/" + sequence;
    }
}
