package de.dos2030.iot.collector.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;
import java.util.Base64;

/**
 * The operator's secrets key ({@code collector.secrets.key}): 32 random bytes, Base64, given outside
 * the database (COLLECTOR_SECRETS_KEY, e.g. from a systemd {@code EnvironmentFile} readable only by
 * the collector). It seals what the database must hold but must not reveal: gateways' CoAPS
 * pre-shared keys and webhook signing secrets ({@link SecretBox}). Losing it means rotating every
 * gateway token and re-creating webhook subscriptions; changing it likewise.
 *
 * @param key Base64 of exactly 32 bytes ({@code openssl rand -base64 32})
 */
@ConfigurationProperties("collector.secrets")
public record SecretsConfig(
        @NotNull(
                message =
                        "is required: set COLLECTOR_SECRETS_KEY to 32 random bytes in Base64 (openssl rand -base64 32)")
        String key) {
    static final int KEY_BYTES = 32;

    public SecretsConfig {
        if (key != null) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(key.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "collector.secrets.key is not Base64: set 32 random bytes (openssl rand -base64 32)", e);
            }
            if (bytes.length != KEY_BYTES) {
                throw new IllegalArgumentException("collector.secrets.key must be " + KEY_BYTES
                        + " bytes in Base64, it has " + bytes.length + " (openssl rand -base64 32)");
            }
        }
    }

    byte[] keyBytes() {
        return Base64.getDecoder().decode(key.trim());
    }
}
