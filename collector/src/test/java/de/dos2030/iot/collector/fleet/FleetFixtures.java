package de.dos2030.iot.collector.fleet;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.FleetChange;
import de.dos2030.iot.model.GatewayHealth;
import de.dos2030.iot.model.codec.BatchCodec;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Gateway files and simulated gateways' health for the fleet tests: everything goes through the real doors. */
public final class FleetFixtures {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private FleetFixtures() {}

    /** firmware-config's simulated school gateway, as a template: {{gateway}} and {{site}} for the ids. */
    static String schoolTemplate() throws IOException {
        String yaml = Files.readString(
                Path.of("").toAbsolutePath().getParent().resolve("firmware-config/examples/school-simulated.yaml"),
                StandardCharsets.UTF_8);
        return yaml.replace("id: school-sim-r204", "id: \"{{gateway}}\"").replace("id: gs-kley", "id: \"{{site}}\"");
    }

    /** The school file for this gateway and site. */
    static String schoolFile(String gatewayId, String siteId) throws IOException {
        return schoolTemplate().replace("{{gateway}}", gatewayId).replace("{{site}}", siteId);
    }

    /** Sends a health batch through the HTTP door, as the gateway would after a change; returns the status. */
    public static int reportHealth(
            TestCollector collector,
            String gatewayId,
            String siteId,
            String token,
            String configVersion,
            FleetChange... changes)
            throws IOException, InterruptedException {
        GatewayHealth health = new GatewayHealth(
                "0.1.0",
                configVersion,
                Duration.ofMinutes(5),
                0,
                0,
                Duration.ZERO,
                0,
                null,
                null,
                ClockSync.SYNCED,
                null,
                null,
                List.of(changes));
        Batch batch = new Batch(
                Batch.FORMAT_VERSION,
                gatewayId,
                siteId,
                "boot-fleet",
                SEQUENCE.incrementAndGet(),
                Instant.now(),
                ClockSync.SYNCED,
                List.of(),
                List.of(),
                health);
        HttpResponse<String> r = collector.postBatch(BatchCodec.json().encode(batch), "application/json", token);
        return r.statusCode();
    }

    static FleetChange change(String version, FleetChange.Outcome outcome, String reason) {
        return new FleetChange(FleetChange.Kind.CONFIG, version, outcome, reason, Instant.now());
    }

    /** A simulated gateway: pulls its desired state over HTTP and answers a new configuration with this outcome. */
    record SimGateway(
            TestCollector collector,
            String id,
            String site,
            String token,
            FleetChange.Outcome answer,
            List<String> applied) {
        void step() throws Exception {
            HttpResponse<String> r = collector.get("/api/v1/gateway/desired", token);
            if (r.statusCode() != 200) {
                return;
            }
            Map<?, ?> doc = collector.context.getBean(JsonMapper.class).readValue(r.body(), Map.class);
            String version = (String) ((Map<?, ?>) doc.get("config")).get("version");
            if (applied.contains(version)) {
                return;
            }
            applied.add(version);
            boolean kept = answer == FleetChange.Outcome.COMMITTED;
            reportHealth(
                    collector,
                    id,
                    site,
                    token,
                    kept ? version : "sha256:aaaaaaaaaaaa",
                    change(version, answer, kept ? null : "sensor r204-air did not answer after the change"));
        }
    }
}
