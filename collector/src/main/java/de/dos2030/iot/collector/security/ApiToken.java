package de.dos2030.iot.collector.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * An API token as listed: never the token itself, which exists in the clear only when issued. {@code scope}:
 * {@link Scope}'s wire form.
 */
@Serdeable
public record ApiToken(
        String id,
        String name,
        String role,
        String scope,
        Instant createdAt,
        String createdBy,
        @Nullable Instant revokedAt,
        @Nullable String token) {}
