package de.dos2030.iot.collector.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Bearer tokens, for API tokens and gateway tokens alike: 256 random bits, URL-safe Base64;
 * stored only as their SHA-256, and read from an {@code Authorization: Bearer <token>} header.
 */
public final class BearerToken {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SCHEME = "Bearer ";

    private BearerToken() {}

    /** A new token: 256 random bits, URL-safe Base64 without padding. */
    public static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** SHA-256 of the token, lower-case hex: what is stored and what tokens are looked up by. */
    public static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The token of an {@code Authorization} header ({@code Bearer} in any case); empty when there is none. */
    public static Optional<String> fromHeader(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String token = authorization.substring(SCHEME.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
