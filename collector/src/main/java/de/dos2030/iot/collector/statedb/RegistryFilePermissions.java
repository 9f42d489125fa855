package de.dos2030.iot.collector.statedb;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an H2 registry file readable by the collector's user only (0600): it holds token hashes,
 * Mosquitto password hashes and sealed secrets. The launchers set umask 077 so new files start
 * that way; this also closes files an earlier version left world-readable.
 */
@Context
class RegistryFilePermissions {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryFilePermissions.class);
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** Takes the data source so that it runs after the database (and its files) exist. */
    RegistryFilePermissions(DataSource opened, @Value("${datasources.default.url:}") String url) {
        for (Path file : h2Files(url)) {
            restrict(file);
        }
    }

    /** The files of an H2 file database URL ({@code jdbc:h2:file:path;options}); none for other URLs. */
    static List<Path> h2Files(String url) {
        String prefix = "jdbc:h2:file:";
        if (url == null || !url.startsWith(prefix)) {
            return List.of();
        }
        String base = url.substring(prefix.length()).split(";", 2)[0];
        return List.of(Path.of(base + ".mv.db"), Path.of(base + ".trace.db"));
    }

    static void restrict(Path file) {
        try {
            if (Files.exists(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
                LOG.info("Registry file {} was readable by others: now owner-only (0600)", file);
            }
        } catch (UnsupportedOperationException e) {
            LOG.warn("Cannot restrict {} to its owner on this file system: protect it yourself", file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict " + file + " to its owner (0600): " + e.getMessage(), e);
        }
    }
}
