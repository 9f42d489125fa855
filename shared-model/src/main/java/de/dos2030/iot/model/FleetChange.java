package de.dos2030.iot.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The outcome of the latest remote change a gateway applied: a configuration or an agent release the
 * collector asked for. Reported in the gateway's health, so it travels through the outbox like a reading.
 *
 * @param kind    what changed
 * @param version the configuration version ({@code sha256:} and 12 hex digits) or the agent version
 * @param outcome where the change stands
 * @param reason  why it was rolled back or refused, in words for the engineer; {@code null} otherwise
 * @param at      when the gateway reached this outcome
 */
public record FleetChange(Kind kind, String version, Outcome outcome, String reason, Instant at) {
    /** The longest reason a gateway sends; longer ones are cut (a stack of validation messages can be long). */
    public static final int MAX_REASON_LENGTH = 2000;

    /** What a remote change replaces. */
    public enum Kind {
        CONFIG,
        AGENT
    }

    /** Where a remote change stands on the gateway. */
    public enum Outcome {
        /** Running on the new version and watching it; not yet committed. */
        APPLYING,
        /** The new version passed its watch and is kept. */
        COMMITTED,
        /** The new version failed its watch; the previous one runs again. */
        ROLLED_BACK,
        /** Not tried: invalid, unsigned or for another gateway. */
        REFUSED
    }

    public FleetChange {
        at = at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            reason = reason.substring(0, MAX_REASON_LENGTH - 1) + "…";
        }
    }
}
