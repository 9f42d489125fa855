package de.dos2030.iot.collector.alerts;

import de.dos2030.iot.collector.api.TimeParameter;
import de.dos2030.iot.collector.api.ValidId;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;

/**
 * What of the alert history to list, besides the filter ({@link AlertFilterRequest}), bound from
 * the query string ({@code @RequestBean}).
 *
 * @param status active (raised or acknowledged), raised, acknowledged, cleared or all (the default)
 * @param from   ISO-8601 instant: alerts changed at or after it
 * @param to     ISO-8601 instant: alerts changed before it
 * @param limit  at most this many, 1 to 1000 (values outside are moved to the nearest); default 100
 */
@Introspected
public record AlertHistoryRequest(
        @Nullable
        @Pattern(
                regexp = "active|raised|acknowledged|cleared|all",
                message = "is unknown (allowed: active, raised, acknowledged, cleared, all)")
        @QueryValue
        String status,

        @Nullable @ValidId @QueryValue String ruleId,
        @Nullable @QueryValue String from,
        @Nullable @QueryValue String to,
        @Nullable @QueryValue Integer limit) {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /** The status to select by, or null for all. */
    @Nullable
    String statusOrAll() {
        return status == null || status.equals("all") ? null : status;
    }

    @Nullable
    Instant fromInstant() {
        Instant start = TimeParameter.parse("from", from);
        Instant end = TimeParameter.parse("to", to);
        if (start != null && end != null) {
            TimeParameter.requireOrder("from", start, "to", end);
        }
        return start;
    }

    @Nullable
    Instant toInstant() {
        return TimeParameter.parse("to", to);
    }

    int limitOrDefault() {
        return limit == null ? DEFAULT_LIMIT : Math.max(1, Math.min(limit, MAX_LIMIT));
    }
}
