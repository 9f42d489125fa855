package de.dos2030.iot.collector.gateways;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Gateway tokens: 256 random bits, URL-safe Base64. One token serves every door: the HTTP bearer
 * token, the MQTT password, and (as its SHA-256) the DTLS pre-shared key on CoAPS.
 */
public final class GatewayToken {
    private static final SecureRandom RANDOM = new SecureRandom();

    private GatewayToken() {}

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** SHA-256 of the token, lower-case hex: what the registry stores and looks tokens up by. */
    public static String hashOf(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    /** The DTLS PSK a gateway uses with this token: the 32 bytes of its SHA-256. */
    public static byte[] pskOf(String token) {
        return sha256(token);
    }

    /** The PSK from a stored {@link Gateway#tokenHash()}. */
    static byte[] pskFromHash(String tokenHash) {
        return HexFormat.of().parseHex(tokenHash);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
