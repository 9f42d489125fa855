package de.dos2030.iot.collector.security.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One change in the audit log: who ({@code actor}, its role, the client address it came from), when,
 * what ({@code action} on {@code target}), the state before and after as JSON without secrets, and the
 * hash chain ({@code prevHash}: the previous entry's {@code hash}; {@link AuditHash}).
 */
@Serdeable
public record AuditEntry(
        long seq,
        Instant at,
        String actor,
        @Nullable String actorRole,
        @Nullable String client,
        String action,
        String target,
        @Nullable String before,
        @Nullable String after,
        String prevHash,
        String hash) {}
