package de.dos2030.iot.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares the alert events the gateways journaled with what a subscriber's webhook received
 * (the log of {@code scripts/webhook-receiver/WebhookReceiver.java}). Per alert id the subscriber
 * must see exactly one {@code raised}, one {@code severity_changed} per further RAISED event of
 * the gateway (escalation or de-escalation), and one {@code cleared} when the gateway cleared it.
 * A delivery counts once per delivery id (the collector retries with the same id; a receiver
 * de-duplicates by it); two different delivery ids for one step are a duplicate.
 */
final class AlertDeliveryCheck {

    record Result(
            int expectedSteps,
            int deliveredSteps,
            List<String> missing,
            List<String> duplicated,
            long validPosts,
            long retriedPosts,
            long otherAlertSteps) {
        boolean ok() {
            return missing.isEmpty() && duplicated.isEmpty();
        }
    }

    static Result check(List<GenerationRecord> gateways, Path webhookLog) throws IOException {
        Map<String, Integer> expected = new TreeMap<>(); // "alertId kind" -> count
        for (GenerationRecord g : gateways) {
            Map<String, Integer> raisedSoFar = new HashMap<>();
            for (GenerationRecord.Journaled j : g.journaled().values()) {
                for (String a : j.alerts()) {
                    String[] f = a.split("\\|");
                    String kind;
                    if (f[1].equals("CLEARED")) {
                        kind = "cleared";
                    } else {
                        kind = raisedSoFar.merge(f[0], 1, Integer::sum) == 1 ? "raised" : "severity_changed";
                    }
                    expected.merge(f[0] + " " + kind, 1, Integer::sum);
                }
            }
        }
        Map<String, Set<String>> delivered = new HashMap<>(); // "alertId kind" -> delivery ids
        long valid = 0;
        long retried = 0;
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(webhookLog, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode post = json.readTree(line);
            if (!"valid".equals(post.path("signature").asText())) {
                continue;
            }
            valid++;
            if (post.path("duplicate").asBoolean()) {
                retried++;
            }
            JsonNode event = post.path("body").path("event");
            String key =
                    event.path("alertId").asText() + " " + event.path("kind").asText();
            delivered
                    .computeIfAbsent(key, k -> new HashSet<>())
                    .add(post.path("body").path("deliveryId").asText());
        }
        List<String> missing = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        int deliveredSteps = 0;
        for (var e : expected.entrySet()) {
            int got = delivered.getOrDefault(e.getKey(), Set.of()).size();
            deliveredSteps += Math.min(got, e.getValue());
            if (got < e.getValue()) {
                missing.add(e.getKey() + " (expected " + e.getValue() + ", delivered " + got + ")");
            } else if (got > e.getValue()) {
                duplicated.add(e.getKey() + " (expected " + e.getValue() + ", delivered " + got + " delivery ids)");
            }
        }
        Set<String> gatewayAlertIds = new HashSet<>();
        expected.keySet().forEach(k -> gatewayAlertIds.add(k.substring(0, k.indexOf(' '))));
        long other = 0;
        for (var e : delivered.entrySet()) {
            if (expected.containsKey(e.getKey()) || e.getKey().endsWith(" acknowledged")) {
                continue;
            }
            if (gatewayAlertIds.contains(e.getKey().substring(0, e.getKey().indexOf(' ')))) {
                duplicated.add(e.getKey() + " (not raised by the gateway, delivered "
                        + e.getValue().size() + ")");
            } else {
                other++; // the collector's own alerts, e.g. liveness: gateway offline while it was killed
            }
        }
        int expectedSteps =
                expected.values().stream().mapToInt(Integer::intValue).sum();
        return new Result(expectedSteps, deliveredSteps, missing, duplicated, valid, retried, other);
    }
}
