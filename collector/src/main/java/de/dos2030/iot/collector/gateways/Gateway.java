package de.dos2030.iot.collector.gateways;

import de.dos2030.iot.model.SiteKind;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A registered gateway. Holds no secret in the clear: {@code tokenHash} is the SHA-256 of the
 * token (hex) and {@code mqttPasswordHash} the token in Mosquitto's password-file format.
 *
 * <p>The DTLS pre-shared key of a gateway is derived from its token ({@link GatewayToken#pskOf}),
 * so the registry holds what the CoAPS door needs to complete a handshake: protect its database
 * as you would a key store.
 */
@MappedEntity(
        value = "gateway",
        escape = false) // unquoted: H2 and PostgreSQL each fold the names of V1__gateways.sql their own way
public record Gateway(
        @Id String id,
        String siteId,
        SiteKind siteKind,
        String tokenHash,
        String mqttPasswordHash,
        boolean enabled,
        Instant createdAt,
        Instant tokenIssuedAt) {

    Gateway withToken(String newTokenHash, String newMqttPasswordHash, Instant issuedAt) {
        return new Gateway(id, siteId, siteKind, newTokenHash, newMqttPasswordHash, enabled, createdAt, issuedAt);
    }

    Gateway withEnabled(boolean on) {
        return new Gateway(id, siteId, siteKind, tokenHash, mqttPasswordHash, on, createdAt, tokenIssuedAt);
    }
}
