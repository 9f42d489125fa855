package de.dos2030.iot.collector.places;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A gateway's report that differs from what an admin set (or that its registration does not allow:
 * field {@code kind}). Resolved by {@code accept} (the reported value is taken and the field is the
 * gateways' again), by {@code keep} (the registry's value stays; the same reported value does not
 * reopen it), or by an admin edit of the field.
 *
 * @param location {@code null} for a field of the site itself
 * @param status   open, accepted, kept or moot (the report came to agree)
 */
@Serdeable
public record PlaceConflict(
        long id,
        String site,
        @Nullable String location,
        String field,
        @Nullable String registryValue,
        @Nullable String reportedValue,
        String gateway,
        Instant reportedAt,
        String status) {}
