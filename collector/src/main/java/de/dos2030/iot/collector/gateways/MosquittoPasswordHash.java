package de.dos2030.iot.collector.gateways;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes in the format of Mosquitto 2's {@code mosquitto_passwd}:
 * {@code $7$<iterations>$<base64 salt>$<base64 PBKDF2-HMAC-SHA512>} with a 12-byte salt and a
 * 64-byte key, so the collector can write the broker's password file without the plain tokens.
 */
public final class MosquittoPasswordHash {
    static final int ITERATIONS = 101;
    private static final int SALT_BYTES = 12;
    private static final int KEY_BYTES = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private MosquittoPasswordHash() {}

    public static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return hash(password, salt, ITERATIONS);
    }

    /** With a given salt and iteration count: lets a test check a line written by {@code mosquitto_passwd}. */
    public static String hash(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, KEY_BYTES * 8);
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                    .generateSecret(spec)
                    .getEncoded();
            Base64.Encoder b64 = Base64.getEncoder();
            return "$7$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is missing from this JDK", e);
        }
    }

    /** Whether {@code password} matches a {@code $7$} hash (from this class or from mosquitto_passwd). */
    public static boolean matches(String password, String hash) {
        String[] parts = hash.split("\\$");
        if (parts.length != 5 || !parts[1].equals("7")) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[3]);
        return hash(password, salt, Integer.parseInt(parts[2])).equals(hash);
    }
}
