package de.dos2030.iot.edge.uplink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The collector's answer to a batch, as it travels in an MQTT ack message and in CoAP and HTTP
 * response bodies: {@code {"status":"stored"|"rejected","gatewayId":..,"bootId":..,"sequence":..,
 * "stored":n,"rejected":[{"path":..,"reason":..}]}}. Unknown fields are ignored.
 */
public record AckMessage(
        String status, String gatewayId, String bootId, long sequence, long stored, List<String> rejected) {
    private static final JsonFactory JSON = new JsonFactory();

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
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("answer is not valid JSON: " + e.getMessage(), e);
        }
        if (!"stored".equals(status) && !"rejected".equals(status)) {
            throw new IllegalArgumentException("answer has status '" + status + "' (allowed: stored, rejected)");
        }
        return new AckMessage(status, gateway, boot, sequence, stored, rejected);
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
        if (status.equals("stored")) {
            return new SendOutcome.Stored("stored " + stored + (rejected.isEmpty() ? "" : ", rejected " + rejected));
        }
        return new SendOutcome.Rejected(rejected.isEmpty() ? "rejected without reasons" : String.join("; ", rejected));
    }
}
