package de.dos2030.iot.collector.ingest;

import de.dos2030.iot.model.validation.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What became of one batch, classified once here; each door maps it to its own codes.
 * {@link Stored}: the gateway may release it. {@link Rejected}: its fault, do not re-send.
 * {@link TryLater}: transient, keep it and re-send. {@link TooMany}: this gateway sent faster than
 * its share, re-send after the given time.
 */
public sealed interface IngestOutcome {

    /** Batch identity for the answer; fields may be null when the payload did not decode. */
    record Identity(String gatewayId, String bootId, Long sequence) {
        static final Identity NONE = new Identity(null, null, null);
    }

    Identity identity();

    /**
     * InfluxDB accepted the batch's valid part.
     *
     * @param storedReadings readings written
     * @param storedAlerts   alert events written
     * @param quarantined    readings and alerts refused by validation, written to the quarantine
     * @param rejected       the problems of the refused items, each with its path
     * @param receivedAt     the collector's clock when the batch arrived and
     * @param storedAt       when it was stored: with the gateway's own send and answer times, the four
     *                       timestamps of an NTP exchange, from which the gateway measures its clock offset
     */
    record Stored(
            Identity identity,
            int storedReadings,
            int storedAlerts,
            int quarantined,
            List<Problem> rejected,
            Instant receivedAt,
            Instant storedAt)
            implements IngestOutcome {}

    /** The caller's fault: nothing of the batch was stored. */
    record Rejected(Identity identity, RejectKind kind, List<Problem> reasons) implements IngestOutcome {
        public static Rejected of(RejectKind kind, String path, String reason) {
            return new Rejected(Identity.NONE, kind, List.of(new Problem(path, reason)));
        }
    }

    /** Nothing stored now; the gateway keeps the batch and re-sends it after {@code retryAfter}. */
    record TryLater(Identity identity, Duration retryAfter, String reason) implements IngestOutcome {}

    /**
     * Refused unread because the sending gateway is over its rate ({@link GatewayRateConfig}): it keeps
     * the batch and re-sends it after {@code retryAfter}. Unlike {@link TryLater} the collector is
     * fine; only this gateway must slow down, so every door answers it.
     */
    record TooMany(Identity identity, Duration retryAfter, String reason) implements IngestOutcome {}
}
