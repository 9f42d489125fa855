package de.dos2030.iot.edge.fleet;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The version of a gateway file: {@code sha256:} and the first 12 hex digits of the SHA-256 over
 * its bytes. Health reports it; the desired-state document names the version it carries.
 */
public final class ConfigVersion {

    /** What a configuration version looks like. */
    public static final Pattern PATTERN = Pattern.compile("sha256:[0-9a-f]{12}");

    private ConfigVersion() {}

    public static String of(byte[] fileBytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(fileBytes);
            return "sha256:" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }

    public static String of(String yaml) {
        return of(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
