package de.dos2030.iot.collector.backup;

import de.dos2030.iot.collector.api.ConflictException;
import de.dos2030.iot.collector.security.Allowed;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.collector.security.audit.Audit;
import de.dos2030.iot.collector.statedb.RelationalStore;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

/**
 * The H2 registry as one consistent ZIP (H2's {@code BACKUP TO}) for {@code scripts/collector-backup} while the
 * collector runs: H2 lets only one process open its file, so no tool outside can copy it safely. A PostgreSQL
 * registry is backed up with {@code pg_dump} instead (409 here). The answer holds token hashes and sealed secrets:
 * admin only, and audited. The copy passes through a temporary owner-only file and memory: registries are small.
 */
@Controller("/admin/backup")
@ExecuteOn(TaskExecutors.BLOCKING)
@Allowed(Role.ADMIN)
public class RegistryBackupController {
    /** The Flyway version of the copied schema, which scripts/collector-backup writes into its manifest. */
    public static final String SCHEMA_VERSION = "Dos-Schema-Version";

    private final RelationalStore store;
    private final String url;
    private final Audit audit;

    public RegistryBackupController(
            RelationalStore store, @Value("${datasources.default.url:}") String url, Audit audit) {
        this.store = store;
        this.url = url;
        this.audit = audit;
    }

    @Post(value = "/registry", produces = "application/zip")
    public HttpResponse<byte[]> registry(HttpRequest<?> request) {
        if (!url.startsWith("jdbc:h2:file:")) {
            throw new ConflictException("the registry (" + url.replaceFirst("^(jdbc:[a-z0-9]+:).*", "$1...")
                    + ") is not an H2 file: back PostgreSQL up with pg_dump (scripts/collector-backup does)");
        }
        Path copy = null;
        try {
            copy = Files.createTempFile(
                    "dos-registry-",
                    ".zip",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.delete(copy); // H2 writes the ZIP itself
            String target = copy.toString().replace("'", "''");
            String version = store.run(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("BACKUP TO '" + target + "'");
                    try (ResultSet rs = s.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\""
                            + " WHERE \"success\" ORDER BY \"installed_rank\" DESC LIMIT 1")) {
                        return rs.next() ? rs.getString(1) : "none";
                    }
                }
            });
            byte[] zip = Files.readAllBytes(copy);
            audit.record(Caller.of(request), request, "registry.backup", "registry", null, Map.of("bytes", zip.length));
            return HttpResponse.ok(zip).header(SCHEMA_VERSION, version);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the registry's backup to a temporary file: " + e.getMessage(), e);
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete the registry's temporary copy " + copy, e);
                }
            }
        }
    }
}
