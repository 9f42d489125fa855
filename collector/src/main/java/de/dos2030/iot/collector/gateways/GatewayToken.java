package de.dos2030.iot.collector.gateways;

import de.dos2030.iot.collector.security.BearerToken;
import java.util.HexFormat;

/**
 * One gateway token serves every door: the HTTP bearer token, the MQTT password, and (as its
 * SHA-256, the same bytes the registry stores as {@link Gateway#tokenHash()}) the DTLS
 * pre-shared key on CoAPS. Tokens themselves are {@link BearerToken}s.
 */
public final class GatewayToken {
    private GatewayToken() {}

    /** The DTLS PSK a gateway uses with this token: the 32 bytes of its SHA-256. */
    public static byte[] pskOf(String token) {
        return pskFromHash(BearerToken.hash(token));
    }

    /** The PSK from a stored {@link Gateway#tokenHash()}. */
    static byte[] pskFromHash(String tokenHash) {
        return HexFormat.of().parseHex(tokenHash);
    }
}
