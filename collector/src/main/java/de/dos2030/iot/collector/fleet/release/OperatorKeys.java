package de.dos2030.iot.collector.fleet.release;

import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The operator's release keys ({@code collector.releases.public-keys}) and the release signature check: Ed25519
 * over the 32 raw bytes of the jar's SHA-256, as {@code edge-agent release sign} makes it (the gateway checks the
 * same). A configured key file that cannot be read stops start-up, naming the file. Thread-safe.
 */
@Singleton
public class OperatorKeys {
    private final List<PublicKey> keys;

    public OperatorKeys(ReleasesConfig config) {
        List<PublicKey> loaded = new ArrayList<>();
        for (String file : config.publicKeys() == null ? List.<String>of() : config.publicKeys()) {
            loaded.add(read(Path.of(file.trim())));
        }
        this.keys = List.copyOf(loaded);
    }

    /** Whether any key is configured. */
    public boolean configured() {
        return !keys.isEmpty();
    }

    /** Whether one of the operator's keys made this signature (Base64) of a jar with this SHA-256; false for junk. */
    public boolean signed(byte[] jarSha256, String signatureBase64) {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(signatureBase64.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (PublicKey key : keys) {
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initVerify(key);
                s.update(jarSha256);
                if (s.verify(signature)) {
                    return true;
                }
            } catch (GeneralSecurityException e) {
                // a malformed signature for this key: try the next
            }
        }
        return false;
    }

    static PublicKey read(Path file) {
        String begin = "-----BEGIN PUBLIC KEY-----";
        String end = "-----END PUBLIC KEY-----";
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            int from = text.indexOf(begin);
            int to = text.indexOf(end);
            if (from < 0 || to < from) {
                throw new ConfigurationException("collector.releases.public-keys: " + file + " has no '" + begin
                        + "' block (expected edge-agent release keygen's release-key.pub)");
            }
            byte[] der = Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (IOException e) {
            throw new ConfigurationException(
                    "collector.releases.public-keys: cannot read " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigurationException(
                    "collector.releases.public-keys: " + file + " is not an Ed25519 public key: " + e.getMessage(), e);
        }
    }
}
