package de.dos2030.iot.collector.fleet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A configuration's version as gateways report it in health ({@code configVersion}):
 * {@code "sha256:"} and the first 12 hex digits of the SHA-256 over the file's bytes (the edge agent's
 * {@code RunCommand.configVersion}). Two collectors and a gateway agree on it without talking.
 */
public final class ConfigVersion {
    private ConfigVersion() {}

    public static String of(byte[] fileBytes) {
        return "sha256:" + sha256Hex(fileBytes).substring(0, 12);
    }

    public static String of(String yaml) {
        return of(yaml.getBytes(StandardCharsets.UTF_8));
    }

    /** The full SHA-256 of these bytes, 64 lower-case hex digits (ETags). */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
