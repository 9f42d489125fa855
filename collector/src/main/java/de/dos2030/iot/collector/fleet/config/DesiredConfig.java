package de.dos2030.iot.collector.fleet.config;

import de.dos2030.iot.collector.fleet.ConfigVersion;
import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The gateway file a gateway should run.
 *
 * @param yaml      the whole file, exactly as uploaded (its bytes give the version)
 * @param version   {@link ConfigVersion} of the file
 * @param setBy     the API token (or rollout) that set it
 * @param rolloutId the rollout that set it, null when set by hand
 */
public record DesiredConfig(
        String gatewayId,
        String yaml,
        String version,
        String setBy,
        Instant setAt,
        @Nullable String rolloutId) {
    public DesiredConfig {
        if (!version.equals(ConfigVersion.of(yaml.getBytes(StandardCharsets.UTF_8)))) {
            throw new IllegalArgumentException("desired config of " + gatewayId + ": version " + version
                    + " is not the file's (" + ConfigVersion.of(yaml) + ")");
        }
    }
}
