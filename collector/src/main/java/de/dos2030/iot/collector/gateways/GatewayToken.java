package de.dos2030.iot.collector.gateways;

import de.dos2030.iot.collector.security.BearerToken;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One gateway token serves every door: the HTTP bearer token, the MQTT password, and (through
 * {@link #pskOf}) the DTLS pre-shared key on CoAPS. Tokens themselves are {@link BearerToken}s.
 *
 * <p>The PSK is derived from the token with a label of its own, so it is none of what the
 * registry stores in the clear (the token's SHA-256 is its look-up key): a copy of the database
 * does not complete a handshake. The registry keeps the PSK sealed with the operator's key.
 */
public final class GatewayToken {
    /** The derivation's label; the edge agent uses the same (edge-agent's {@code Credentials#psk}). */
    static final String PSK_LABEL = "dos-coaps-psk";

    private GatewayToken() {}

    /** The DTLS PSK a gateway uses with this token: HMAC-SHA256 keyed with the token over {@value #PSK_LABEL}. */
    public static byte[] pskOf(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(PSK_LABEL.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
