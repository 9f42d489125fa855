package de.dos2030.iot.collector.alerts.routing;

import de.dos2030.iot.collector.alerts.AlertFilter;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An escalation chain: a raised alert matching {@code filter} (its {@code minSeverity} is "at least this
 * severity") that is not acknowledged {@code after} its raise is sent to that tier's subscription, each tier once
 * per raise. Acknowledging (or clearing) the alert stops the chain.
 */
@Serdeable
public record Escalation(
        String id, String owner, String name, AlertFilter filter, List<Tier> tiers, Instant createdAt) {

    /** One tier: after how long (ISO-8601, e.g. PT15M) and which subscription is told. */
    @Serdeable
    public record Tier(String after, String subscriptionId) {
        /**
         * @throws IllegalArgumentException when {@code after} is not a positive ISO-8601 duration
         */
        public Duration delay() {
            try {
                Duration d = Duration.parse(after);
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("tier after '" + after + "' must be positive");
                }
                return d;
            } catch (java.time.format.DateTimeParseException | NullPointerException e) {
                throw new IllegalArgumentException(
                        "tier after '" + after + "' is not an ISO-8601 duration such as PT15M or PT2H");
            }
        }
    }
}
