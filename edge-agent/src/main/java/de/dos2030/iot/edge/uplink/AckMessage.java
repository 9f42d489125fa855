package de.dos2030.iot.edge.uplink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The collector's answer to a batch, as it travels in an MQTT ack message and in CoAP and HTTP
 * response bodies: {@code {"status":"stored"|"rejected"|"try_later","gatewayId":..,"bootId":..,"sequence":..,
 * "stored":n,"rejected":[{"path":..,"reason":..}],"retryAfterSeconds":s,"receivedAt":ms,"answeredAt":ms}}.
 * Unknown fields are ignored; the two times are optional (older collectors do not send them).
 * {@code try_later} (the gateway is over its rate, or the collector cannot store now) keeps the batch
 * for a retry after {@code retryAfterSeconds}, instead of waiting out the ack timeout.
 */
public record AckMessage(
        String status,
        String gatewayId,
        String bootId,
        long sequence,
        long stored,
        List<String> rejected,
        Optional<SendOutcome.CollectorTimes> collectorTimes,
        Optional<Duration> retryAfter) {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String TRY_LATER = "try_later";

    /**
     * @throws IllegalArgumentException when the bytes are not such an answer
     */
    public static AckMessage parse(byte[] json) {
        String status = null;
        String gateway = null;
        String boot = null;
        long sequence = -1;
        long stored = 0;
        List<String> rejected = new ArrayList<>();
        long receivedAt = -1;
        long answeredAt = -1;
        long retryAfterSeconds = -1;
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("answer is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "status" -> status = p.getValueAsString();
                    case "gatewayId" -> gateway = p.getValueAsString();
                    case "bootId" -> boot = p.getValueAsString();
                    case "sequence" -> sequence = p.getValueAsLong(-1);
                    case "stored" -> stored = p.getValueAsLong(0);
                    case "rejected" -> readRejected(p, value, rejected);
                    case "receivedAt" -> receivedAt = p.getValueAsLong(-1);
                    case "answeredAt" -> answeredAt = p.getValueAsLong(-1);
                    case "retryAfterSeconds" -> retryAfterSeconds = p.getValueAsLong(-1);
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("answer is not valid JSON: " + e.getMessage(), e);
        }
        if (!"stored".equals(status) && !"rejected".equals(status) && !TRY_LATER.equals(status)) {
            throw new IllegalArgumentException(
                    "answer has status '" + status + "' (allowed: stored, rejected, " + TRY_LATER + ")");
        }
        Optional<SendOutcome.CollectorTimes> times = receivedAt > 0 && answeredAt >= receivedAt
                ? Optional.of(new SendOutcome.CollectorTimes(
                        Instant.ofEpochMilli(receivedAt), Instant.ofEpochMilli(answeredAt)))
                : Optional.empty();
        Optional<Duration> retry =
                retryAfterSeconds > 0 ? Optional.of(Duration.ofSeconds(retryAfterSeconds)) : Optional.empty();
        return new AckMessage(status, gateway, boot, sequence, stored, rejected, times, retry);
    }

    private static void readRejected(JsonParser p, JsonToken value, List<String> out) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String path = "";
            String reason = "";
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("path")) {
                    path = p.getValueAsString("");
                } else if (field.equals("reason")) {
                    reason = p.getValueAsString("");
                } else {
                    p.skipChildren();
                }
            }
            out.add(path.isEmpty() ? reason : path + ": " + reason);
        }
    }

    /** The outcome it means for the outbox. A "stored" answer with rejected readings is logged by the caller. */
    public SendOutcome outcome() {
        if (status.equals(TRY_LATER)) {
            return new SendOutcome.RetryLater("the collector asks to try later", retryAfter);
        }
        if (status.equals("stored")) {
            return new SendOutcome.Stored(
                    "stored " + stored + (rejected.isEmpty() ? "" : ", rejected " + rejected), collectorTimes);
        }
        return new SendOutcome.Rejected(rejected.isEmpty() ? "rejected without reasons" : String.join("; ", rejected));
    }
}
