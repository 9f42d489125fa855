package de.dos2030.iot.collector.gateways.enrol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * A one-time claim code: 16 characters of Crockford's base32 (80 random bits) in four groups,
 * {@code 7KQ2-M9XD-4HTR-C0VW}, so that a technician can read it off a sheet and type it on a Pi.
 * Typing is forgiving: case, spaces and dashes do not matter, and the letters Crockford leaves out for
 * looking like digits are read as those digits (O as 0, I and L as 1).
 *
 * <p>Only {@link #hash} of a code is stored. A plain SHA-256 is enough here, unlike for passwords: 80
 * random bits cannot be searched from the hash, and on-line guessing is throttled ({@link FailedAttempts}).
 */
public final class ClaimCode {
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClaimCode() {}

    /** A new random code in its display form (four groups of four, joined by dashes). */
    public static String random() {
        StringBuilder out = new StringBuilder(LENGTH + 3);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                out.append('-');
            }
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    /** The canonical form of a typed code (16 alphabet characters), or empty when it cannot be one. */
    public static Optional<String> normalise(String typed) {
        if (typed == null || typed.length() > 64) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(LENGTH);
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || c == ' ') {
                continue;
            }
            char d = c == 'O' ? '0' : c == 'I' || c == 'L' ? '1' : c;
            if (ALPHABET.indexOf(d) < 0) {
                return Optional.empty();
            }
            out.append(d);
        }
        return out.length() == LENGTH ? Optional.of(out.toString()) : Optional.empty();
    }

    /** The stored form: SHA-256 (hex) of the canonical code. */
    public static String hash(String canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
