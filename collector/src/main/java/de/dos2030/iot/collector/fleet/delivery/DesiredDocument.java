package de.dos2030.iot.collector.fleet.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import de.dos2030.iot.collector.fleet.AgentRelease;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The desired-state document a gateway receives (retained on {@code dos/<site>/<gateway>/desired}, or from
 * {@code GET /api/v1/gateway/desired}): {@code {"config": {"version","yaml"} | null, "agent": {"version",
 * "sha256","signature","url"} | null}}, JSON in UTF-8, at most 256 KiB.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS) // "config": null says "nothing desired" explicitly
public record DesiredDocument(
        @Nullable Config config, @Nullable Agent agent) {

    /** The gateway file to run and its version ({@code sha256:} and 12 hex digits). */
    @Serdeable
    public record Config(String version, String yaml) {}

    /** The agent release to run: its jar's SHA-256 (hex), Ed25519 signature (Base64) and download path. */
    @Serdeable
    public record Agent(String version, String sha256, String signature, String url) {
        static Agent of(AgentRelease r) {
            return new Agent(r.version(), r.sha256(), r.signatureBase64(), r.url());
        }
    }

    /** Whether anything is desired at all. */
    public boolean isEmpty() {
        return config == null && agent == null;
    }
}
