package de.dos2030.iot.collector.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import de.dos2030.iot.model.validation.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.util.List;

/**
 * The summary every door sends back (HTTP body, CoAP payload, MQTT ack message), as JSON:
 * {@code {"status":"stored","gatewayId":"gw-1","bootId":"b1","sequence":7,"stored":120,"alerts":0,
 * "quarantined":1,"rejected":[{"path":"readings[3].value","reason":"NaN is not allowed"}],
 * "receivedAt":1764230400120,"answeredAt":1764230400135}}.
 *
 * @param status     {@code stored}, {@code rejected} or {@code try_later} (also when the gateway is over its rate)
 * @param stored     readings written
 * @param alerts     alert events written
 * @param quarantined refused readings and alerts kept in the quarantine
 * @param rejected   every problem, with its path (for {@code rejected}: why nothing was stored)
 * @param retryAfterSeconds for {@code try_later}: whole seconds, at least 1
 * @param receivedAt for {@code stored}: the collector's clock (epoch ms) when the batch arrived
 * @param answeredAt for {@code stored}: the collector's clock (epoch ms) when it was stored; the gateway
 *                   measures its clock offset from these two and its own send and receive times (NTP's method)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestAnswer(
        String status,
        @Nullable String gatewayId,
        @Nullable String bootId,
        @Nullable Long sequence,
        int stored,
        int alerts,
        int quarantined,
        List<Item> rejected,
        @Nullable Long retryAfterSeconds,
        @Nullable Long receivedAt,
        @Nullable Long answeredAt) {

    /** One refused part: where and why. */
    @Serdeable
    public record Item(String path, String reason) {}

    public static IngestAnswer of(IngestOutcome outcome) {
        IngestOutcome.Identity id = outcome.identity();
        if (outcome instanceof IngestOutcome.Stored s) {
            return new IngestAnswer(
                    "stored",
                    id.gatewayId(),
                    id.bootId(),
                    id.sequence(),
                    s.storedReadings(),
                    s.storedAlerts(),
                    s.quarantined(),
                    items(s.rejected()),
                    null,
                    s.receivedAt().toEpochMilli(),
                    s.storedAt().toEpochMilli());
        }
        if (outcome instanceof IngestOutcome.Rejected r) {
            return new IngestAnswer(
                    "rejected",
                    id.gatewayId(),
                    id.bootId(),
                    id.sequence(),
                    0,
                    0,
                    0,
                    items(r.reasons()),
                    null,
                    null,
                    null);
        }
        if (outcome instanceof IngestOutcome.TooMany t) {
            return tryLater(id, t.reason(), t.retryAfter());
        }
        IngestOutcome.TryLater t = (IngestOutcome.TryLater) outcome;
        return tryLater(id, t.reason(), t.retryAfter());
    }

    /** Whole seconds to wait, rounded up, at least 1: what Retry-After and Max-Age carry. */
    public static long retryAfterSeconds(Duration retryAfter) {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    private static IngestAnswer tryLater(IngestOutcome.Identity id, String reason, Duration retryAfter) {
        return new IngestAnswer(
                "try_later",
                id.gatewayId(),
                id.bootId(),
                id.sequence(),
                0,
                0,
                0,
                List.of(new Item("", reason)),
                retryAfterSeconds(retryAfter),
                null,
                null);
    }

    private static List<Item> items(List<Problem> problems) {
        return problems.stream().map(p -> new Item(p.path(), p.message())).toList();
    }
}
