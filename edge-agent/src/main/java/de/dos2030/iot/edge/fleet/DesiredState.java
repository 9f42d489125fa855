package de.dos2030.iot.edge.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The collector's desired state for this gateway, as the retained MQTT message and the HTTP pull
 * carry it (JSON, at most {@value #MAX_BYTES} bytes):
 * {@code {"config": {"version", "yaml"} | null, "agent": {"version", "sha256", "signature", "url"} | null}}.
 * Parsing checks the shape and that the YAML hashes to the version it claims; it does not validate
 * the YAML as a gateway file (the applier does).
 */
public record DesiredState(Optional<ConfigPart> config, Optional<AgentPart> agent) {

    public static final int MAX_BYTES = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** The desired gateway file and its version. */
    public record ConfigPart(String version, String yaml) {
        public ConfigPart {
            if (version == null || !ConfigVersion.PATTERN.matcher(version).matches()) {
                throw new IllegalArgumentException(
                        "config.version '" + version + "' is not a configuration version (sha256: and 12 hex digits)");
            }
            if (yaml == null || yaml.isBlank()) {
                throw new IllegalArgumentException("config.yaml is missing or empty");
            }
            String actual = ConfigVersion.of(yaml);
            if (!actual.equals(version)) {
                throw new IllegalArgumentException("config.yaml hashes to " + actual + ", not to its version " + version
                        + ": the document was altered or built wrongly");
            }
        }
    }

    /** The desired agent release: what the updater downloads, checks and installs. */
    public record AgentPart(String version, String sha256, String signature, String url) {
        public AgentPart {
            if (version == null || version.isBlank()) {
                throw new IllegalArgumentException("agent.version is missing");
            }
            if (sha256 == null || !SHA256.matcher(sha256).matches()) {
                throw new IllegalArgumentException("agent.sha256 '" + sha256 + "' is not 64 lower-case hex digits");
            }
            if (signature == null || signature.isBlank()) {
                throw new IllegalArgumentException("agent.signature is missing");
            }
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("agent.url is missing");
            }
        }
    }

    public DesiredState {
        config = config == null ? Optional.empty() : config;
        agent = agent == null ? Optional.empty() : agent;
    }

    /**
     * Reads a document.
     *
     * @throws IllegalArgumentException naming the part that is wrong: too large, not JSON, a field missing or malformed
     */
    public static DesiredState parse(byte[] document) {
        if (document.length > MAX_BYTES) {
            throw new IllegalArgumentException(
                    "desired state of " + document.length + " bytes is larger than " + MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "desired state is not JSON: "
                            + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("desired state is not a JSON object");
        }
        Optional<ConfigPart> config =
                object(root, "config").map(c -> new ConfigPart(text(c, "config.version"), text(c, "config.yaml")));
        Optional<AgentPart> agent = object(root, "agent")
                .map(a -> new AgentPart(
                        text(a, "agent.version"),
                        text(a, "agent.sha256"),
                        text(a, "agent.signature"),
                        text(a, "agent.url")));
        return new DesiredState(config, agent);
    }

    private static Optional<JsonNode> object(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException(field + " is not an object or null");
        }
        return Optional.of(n);
    }

    private static String text(JsonNode parent, String path) {
        JsonNode n = parent.get(path.substring(path.indexOf('.') + 1));
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException(path + " is not a string");
        }
        return n.asText();
    }
}
