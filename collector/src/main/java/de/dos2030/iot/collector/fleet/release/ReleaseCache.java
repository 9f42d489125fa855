package de.dos2030.iot.collector.fleet.release;

import de.dos2030.iot.collector.fleet.release.ReleaseStore.Release;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * This instance's copies of release jars ({@code collector.releases.directory}/{@code <sha256>.jar}), filled from
 * the database on the first download and checked against the release's SHA-256 before they take their name, so a
 * download is streamed from a file and never served half-written or altered. Thread-safe: concurrent first
 * downloads each write a temporary file and the last rename wins with identical bytes.
 */
@Singleton
public class ReleaseCache {
    private final ReleasesConfig config;
    private final ReleaseStore store;

    public ReleaseCache(ReleasesConfig config, ReleaseStore store) {
        this.config = config;
        this.store = store;
    }

    /** The jar of a release as a local file; empty when the database has no jar for it. */
    public Optional<Path> jar(Release release) throws IOException {
        Path dir = Files.createDirectories(Path.of(config.directory()));
        Path file = dir.resolve(release.sha256() + ".jar");
        if (Files.isRegularFile(file) && Files.size(file) == release.size()) {
            return Optional.of(file);
        }
        Path temp = Files.createTempFile(dir, "cache-", ".part");
        try {
            if (!store.copyJar(release.version(), temp)) {
                return Optional.empty();
            }
            String actual = sha256(temp);
            if (!actual.equals(release.sha256())) {
                throw new IOException("release " + release.version() + " in the database has sha256 " + actual
                        + ", not the " + release.sha256() + " recorded at upload: refusing to serve it");
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                d.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
