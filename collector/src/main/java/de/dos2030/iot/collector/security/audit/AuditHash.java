package de.dos2030.iot.collector.security.audit;

import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash of an audit entry: SHA-256 over the previous entry's hash and every field of this one, each
 * written with its length (null as {@code -}), so that no two different entries hash alike by moving
 * characters between fields. Time counts in milliseconds, which both databases keep exactly.
 */
public final class AuditHash {
    /** The {@code prevHash} of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditHash() {}

    public static String of(
            String prevHash,
            long seq,
            Instant at,
            String actor,
            @Nullable String actorRole,
            @Nullable String client,
            String action,
            String target,
            @Nullable String before,
            @Nullable String after) {
        StringBuilder b = new StringBuilder(256);
        for (String field : new String[] {
            prevHash,
            Long.toString(seq),
            Long.toString(at.toEpochMilli()),
            actor,
            actorRole,
            client,
            action,
            target,
            before,
            after
        }) {
            if (field == null) {
                b.append("-;");
            } else {
                b.append(field.length()).append(':').append(field).append(';');
            }
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The hash this entry should carry. */
    public static String of(AuditEntry e) {
        return of(
                e.prevHash(),
                e.seq(),
                e.at(),
                e.actor(),
                e.actorRole(),
                e.client(),
                e.action(),
                e.target(),
                e.before(),
                e.after());
    }
}
