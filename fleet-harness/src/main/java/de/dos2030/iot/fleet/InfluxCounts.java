package de.dos2030.iot.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts in InfluxDB (v1 API, InfluxQL) per gateway: stored reading values (the sum of
 * {@code count(*)} over every field of every quantity measurement: a sample and a window statistic
 * at the same time are two fields of one point, so points would undercount), alert events and
 * quarantined items. A reading stored twice with its edge timestamp overwrites itself, so a count
 * above what the gateway generated means a reading arrived under another key.
 */
final class InfluxCounts {
    /** Measurements that are not readings (collector/README.md, InfluxDB layout). */
    static final Set<String> NOT_READINGS = Set.of("alert", "gateway_health", "quarantine");

    private final URI url;
    private final String database;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    InfluxCounts(URI url, String database) {
        this.url = url;
        this.database = database;
    }

    Map<String, Long> readingsPerGateway() throws IOException, InterruptedException {
        List<String> quantities = new ArrayList<>();
        List<JsonNode> measurements = series(query("SHOW MEASUREMENTS"));
        for (JsonNode row : measurements.isEmpty()
                ? List.<JsonNode>of()
                : measurements.get(0).path("values")) {
            String name = row.get(0).asText();
            if (!NOT_READINGS.contains(name)) {
                // Readings live in their site kind's raw policy; the same names in the tier policies are rollups.
                quantities.add("\"bridge_raw\".\"" + name + '"');
                quantities.add("\"school_raw\".\"" + name + '"');
            }
        }
        if (quantities.isEmpty()) {
            return Map.of();
        }
        return countPerGateway("SELECT count(*) FROM " + String.join(",", quantities) + " GROUP BY \"gateway\"");
    }

    Map<String, Long> alertsPerGateway() throws IOException, InterruptedException {
        return countPerGateway("SELECT count(\"message\") FROM \"alert\" GROUP BY \"gateway\"");
    }

    Map<String, Long> quarantinedPerGateway() throws IOException, InterruptedException {
        return countPerGateway("SELECT count(\"reason\") FROM \"quarantine\" GROUP BY \"gateway\"");
    }

    private Map<String, Long> countPerGateway(String q) throws IOException, InterruptedException {
        Map<String, Long> out = new HashMap<>();
        for (JsonNode s : series(query(q))) {
            String gateway = s.path("tags").path("gateway").asText();
            for (JsonNode row : s.path("values")) {
                for (int i = 1; i < row.size(); i++) { // column 0 is time
                    out.merge(gateway, row.get(i).asLong(0), Long::sum);
                }
            }
        }
        return out;
    }

    private static List<JsonNode> series(JsonNode answer) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode result : answer.path("results")) {
            if (result.has("error")) {
                throw new IllegalStateException(
                        "InfluxDB: " + result.get("error").asText());
            }
            Iterator<JsonNode> it = result.path("series").elements();
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private JsonNode query(String q) throws IOException, InterruptedException {
        String body = "db=" + URLEncoder.encode(database, StandardCharsets.UTF_8) + "&q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(url.resolve("/query"))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(
                    "InfluxDB at " + url + " answered " + r.statusCode() + " to '" + q + "': " + r.body());
        }
        return json.readTree(r.body());
    }
}
