package de.dos2030.iot.collector.fleet.release;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.List;

/**
 * Signed agent releases ({@code collector.releases.*}).
 *
 * @param publicKeys  the operator's Ed25519 public keys (X.509 PEM files, {@code edge-agent release keygen}); an
 *                    upload must be signed by one of them. Unset: every upload is refused
 * @param maxJarBytes largest jar accepted (413 past it); also the server's request size limit
 *                    ({@code micronaut.server.max-request-size} follows it, buffered bodies stay at the HTTP door's)
 * @param directory   where this instance caches jars for download (the database holds them for all instances)
 */
@ConfigurationProperties("collector.releases")
public record ReleasesConfig(
        @Nullable List<String> publicKeys,

        @Bindable(defaultValue = "67108864") @Min(1024) @Max(268435456)
        long maxJarBytes,

        @Bindable(defaultValue = "./data/releases") @NotBlank
        String directory) {}
