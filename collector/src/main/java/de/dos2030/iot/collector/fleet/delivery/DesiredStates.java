package de.dos2030.iot.collector.fleet.delivery;

import de.dos2030.iot.collector.fleet.ConfigVersion;
import de.dos2030.iot.collector.fleet.DesiredAgents;
import de.dos2030.iot.collector.fleet.config.DesiredConfigStore;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Builds a gateway's desired-state document from its desired configuration ({@link DesiredConfigStore}) and
 * agent release ({@link DesiredAgents}), and its bytes as both delivery paths send them. Thread-safe, blocking.
 */
@Singleton
public class DesiredStates {
    private final DesiredConfigStore configs;
    private final DesiredAgents agents;
    private final JsonMapper json;

    public DesiredStates(DesiredConfigStore configs, DesiredAgents agents, JsonMapper json) {
        this.configs = configs;
        this.agents = agents;
        this.json = json;
    }

    /** The document and its JSON bytes; the ETag is the SHA-256 of those bytes. */
    public record Encoded(DesiredDocument document, byte[] json) {
        public String etag() {
            return "\"" + ConfigVersion.sha256Hex(json) + "\"";
        }
    }

    public Encoded of(String gatewayId) {
        DesiredDocument doc = new DesiredDocument(
                configs.find(gatewayId)
                        .map(c -> new DesiredDocument.Config(c.version(), c.yaml()))
                        .orElse(null),
                agents.desiredFor(gatewayId).map(DesiredDocument.Agent::of).orElse(null));
        try {
            return new Encoded(doc, json.writeValueAsBytes(doc));
        } catch (IOException e) {
            throw new UncheckedIOException("desired state of " + gatewayId + " not written as JSON", e);
        }
    }
}
