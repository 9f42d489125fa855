package de.dos2030.iot.collector.gateways;

import de.dos2030.iot.model.SiteKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A registered gateway. Holds no secret in the clear: {@code tokenHash} is the SHA-256 of the
 * token (hex), {@code mqttPasswordHash} the token in Mosquitto's password-file format, and
 * {@code coapsPsk} the DTLS pre-shared key ({@link GatewayToken#pskOf}) sealed with the operator's
 * key ({@code SecretBox}); none of them completes a CoAPS handshake without that key.
 *
 * <p>{@code coapsPsk} is null for gateways registered before PSKs were sealed: their old key was
 * the token's SHA-256, readable in the database, so CoAPS refuses them until their token is rotated.
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
        @Nullable String coapsPsk,
        boolean enabled,
        Instant createdAt,
        Instant tokenIssuedAt) {

    Gateway withToken(String newTokenHash, String newMqttPasswordHash, String newCoapsPsk, Instant issuedAt) {
        return new Gateway(
                id, siteId, siteKind, newTokenHash, newMqttPasswordHash, newCoapsPsk, enabled, createdAt, issuedAt);
    }

    Gateway withEnabled(boolean on) {
        return new Gateway(id, siteId, siteKind, tokenHash, mqttPasswordHash, coapsPsk, on, createdAt, tokenIssuedAt);
    }
}
