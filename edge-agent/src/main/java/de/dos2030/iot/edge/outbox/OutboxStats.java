package de.dos2030.iot.edge.outbox;

import java.time.Instant;

/**
 * Counters since the agent started, and the outbox's state now. What the gateway health reports.
 *
 * @param depth                 batches waiting for the collector's answer
 * @param liveBytes             journal bytes those batches take
 * @param diskBytes             bytes of all segment files (live batches plus released records not yet reclaimed)
 * @param oldestCreatedAt       when the oldest waiting batch was closed; {@code null} when empty
 * @param appendedBatches       batches journaled
 * @param storedBatches         batches the collector confirmed
 * @param lastStoredAt          when the collector last confirmed one; {@code null} if never
 * @param evictedBatches        batches a full outbox gave up
 * @param evictedReadings       readings in them
 * @param refusedBatches        batches not journaled (full outbox under reject-new, or invalid as a whole)
 * @param refusedReadings       readings in them
 * @param invalidReadings       readings the validator rejected before journaling (the rest of their batch went on)
 * @param deadLetteredBatches   batches the collector rejected for good
 * @param deadLetteredReadings  readings in them
 */
public record OutboxStats(
        long depth,
        long liveBytes,
        long diskBytes,
        Instant oldestCreatedAt,
        long appendedBatches,
        long storedBatches,
        Instant lastStoredAt,
        long evictedBatches,
        long evictedReadings,
        long refusedBatches,
        long refusedReadings,
        long invalidReadings,
        long deadLetteredBatches,
        long deadLetteredReadings) {

    /** Readings lost since start, for {@code GatewayHealth.droppedReadings}. */
    public long droppedReadings() {
        return evictedReadings + refusedReadings + invalidReadings + deadLetteredReadings;
    }
}
