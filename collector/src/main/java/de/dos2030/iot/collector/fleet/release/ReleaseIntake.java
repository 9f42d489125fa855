package de.dos2030.iot.collector.fleet.release;

import de.dos2030.iot.collector.fleet.release.ReleaseStore.Release;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Takes an uploaded release in: streams the body to a temporary file (never whole in memory) while counting and
 * hashing it, checks that it is a jar signed by an operator key ({@link OperatorKeys}), and stores it
 * ({@link ReleaseStore}). Thread-safe; blocking.
 */
@Singleton
public class ReleaseIntake {
    /** Versions as the gateway accepts them (edge {@code PendingUpdate}): the launcher reads them with sed. */
    static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}");

    private final ReleasesConfig config;
    private final OperatorKeys keys;
    private final ReleaseStore store;
    private final Clock clock;

    public ReleaseIntake(ReleasesConfig config, OperatorKeys keys, ReleaseStore store, Clock clock) {
        this.config = config;
        this.keys = keys;
        this.store = store;
        this.clock = clock;
    }

    /** An upload refused for its content: 422 (unsigned, wrong signature, not a jar) or 413 (too large). */
    public static final class Refused extends RuntimeException {
        final boolean tooLarge;

        Refused(String message, boolean tooLarge) {
            super(message);
            this.tooLarge = tooLarge;
        }
    }

    /**
     * Checks and stores a release.
     *
     * @throws IllegalArgumentException for a version that is not valid (400)
     * @throws Refused                  unsigned, tampered, signed by another key, not a jar, too large
     * @throws de.dos2030.iot.collector.api.ConflictException when the version exists
     */
    public Release take(String version, @Nullable String signature, InputStream body, String uploadedBy)
            throws IOException {
        if (version == null || !VERSION.matcher(version).matches()) {
            drain(body);
            throw new IllegalArgumentException("release version '" + version
                    + "' is not valid: 1 to 64 of A-Z a-z 0-9 . + _ - starting with a letter or digit");
        }
        if (signature == null || signature.isBlank()) {
            drain(body);
            throw new Refused(
                    "release " + version + " is unsigned: send the Base64 signature from 'edge-agent release sign' in"
                            + " the X-Release-Signature header (or ?signature=)",
                    false);
        }
        if (!keys.configured()) {
            drain(body);
            throw new Refused(
                    "no operator public key is configured (collector.releases.public-keys): the collector cannot"
                            + " check a release, so it takes none",
                    false);
        }
        Path dir = Files.createDirectories(Path.of(config.directory()));
        Path temp = Files.createTempFile(dir, "upload-", ".part");
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size = 0;
            byte[] head = new byte[4];
            try (InputStream in = body;
                    OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    if (size < 4) {
                        System.arraycopy(buffer, 0, head, (int) size, (int) Math.min(n, 4 - size));
                    }
                    size += n;
                    if (size > config.maxJarBytes()) {
                        throw new Refused(
                                "release " + version + " is larger than collector.releases.max-jar-bytes ("
                                        + config.maxJarBytes() + " bytes)",
                                true);
                    }
                    sha.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            if (size < 4 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4) {
                throw new Refused("release " + version + " is not a jar (no zip header): upload edge-agent.jar", false);
            }
            byte[] digest = sha.digest();
            if (!keys.signed(digest, signature)) {
                throw new Refused(
                        "release " + version + " is refused: its signature does not match the operator key (tampered"
                                + " jar, or signed with another key); sign it with 'edge-agent release sign'",
                        false);
            }
            Release release = new Release(
                    version, HexFormat.of().formatHex(digest), signature.trim(), size, uploadedBy, clock.instant());
            store.insert(release, temp);
            return release;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Reads a refused upload to its end (the server's max-request-size bounds it), so that the client, still
     * sending, gets the answer rather than a reset connection.
     */
    private static void drain(InputStream body) throws IOException {
        try (InputStream in = body) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
