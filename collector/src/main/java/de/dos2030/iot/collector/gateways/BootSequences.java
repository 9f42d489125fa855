package de.dos2030.iot.collector.gateways;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * One boot's stored sequences ({@link SequenceGaps}). {@code stored} counts distinct sequences
 * known stored (by any instance); {@code duplicates} the re-sends this instance stored again;
 * {@code missing} holds inclusive [from, to] ranges between the first and the highest sequence.
 */
@Serdeable
public record BootSequences(
        String bootId,
        Instant firstSeen,
        Instant lastSeen,
        long firstSequence,
        long highestSequence,
        long stored,
        long duplicates,
        long missingCount,
        List<long[]> missing) {}
