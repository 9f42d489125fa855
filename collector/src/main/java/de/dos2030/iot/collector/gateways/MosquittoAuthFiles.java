package de.dos2030.iot.collector.gateways;

import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mosquitto's password and ACL files from the registry. A gateway may publish only under its own
 * topics ({@code dos/<site>/<gateway>/batch|alert|health|status}) and read only its ack and desired-state
 * topics; only the collector writes desired states ({@code dos/+/+/desired}, retained: fleet.delivery).
 *
 * <p>Managed ACL blocks carry a marker comment; on rewrite, password lines and ACL blocks of
 * users that are neither registered nor marked as managed are kept unchanged, so the file can be
 * shared with accounts the collector does not own. After writing, Mosquitto re-reads the files
 * through {@link MosquittoReload} ({@code collector.mosquitto.reload-command}), so a rotated,
 * disabled or deleted gateway's old token stops working on MQTT as on the other doors.
 */
@Singleton
public class MosquittoAuthFiles {
    static final String MARKER = "# managed by dos-collector: ";
    private static final Logger LOG = LoggerFactory.getLogger(MosquittoAuthFiles.class);

    private final MosquittoFilesConfig config;
    private final GatewayRegistry registry;
    private final MosquittoReload reload;

    public MosquittoAuthFiles(MosquittoFilesConfig config, GatewayRegistry registry, MosquittoReload reload) {
        this.config = config;
        this.registry = registry;
        this.reload = reload;
    }

    @EventListener
    void onChange(GatewayRegistry.GatewaysChanged change) {
        if (config.passwdFile() != null && config.aclFile() != null) {
            write(change.gateways());
        }
    }

    /** Writes both files (when configured) from the current registry; returns the paths written. */
    public List<Path> sync() {
        if (config.passwdFile() == null || config.aclFile() == null) {
            throw new IllegalStateException("collector.mosquitto.passwd-file and acl-file are not configured");
        }
        write(registry.list());
        return List.of(config.passwdFile(), config.aclFile());
    }

    public String passwd(List<Gateway> gateways, String existing, String existingAcl) {
        Set<String> managed = managedUsers(gateways, existingAcl);
        StringBuilder out = new StringBuilder();
        for (String line : existing.split("\n")) {
            int colon = line.indexOf(':');
            if (!line.isBlank() && (colon < 0 || !managed.contains(line.substring(0, colon)))) {
                out.append(line).append('\n');
            }
        }
        if (config.collectorPassword() != null) {
            out.append(config.collectorUser())
                    .append(':')
                    .append(MosquittoPasswordHash.hash(config.collectorPassword()))
                    .append('\n');
        }
        for (Gateway g : gateways) {
            if (g.enabled()) {
                out.append(g.id()).append(':').append(g.mqttPasswordHash()).append('\n');
            }
        }
        return out.toString();
    }

    public String acl(List<Gateway> gateways, String existingAcl) {
        Set<String> managed = managedUsers(gateways, existingAcl);
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> block : blocks(existingAcl).entrySet()) {
            if (!managed.contains(block.getKey())) {
                out.append(block.getValue());
            }
        }
        if (config.collectorPassword() != null) {
            out.append(MARKER)
                    .append(config.collectorUser())
                    .append('\n')
                    .append("user ")
                    .append(config.collectorUser())
                    .append('\n')
                    .append("topic read dos/+/+/batch\ntopic read dos/+/+/alert\ntopic read dos/+/+/health\n")
                    .append("topic read dos/+/+/status\ntopic write dos/+/+/ack\ntopic write dos/alerts/#\n")
                    .append("topic write dos/+/+/desired\n") // fleet: retained desired state per gateway
                    .append("topic readwrite dos/_collector/#\n\n"); // its receiver probe
        }
        for (Gateway g : gateways) {
            if (g.enabled()) {
                String base = "dos/" + g.siteId() + "/" + g.id() + "/";
                out.append(MARKER)
                        .append(g.id())
                        .append('\n')
                        .append("user ")
                        .append(g.id())
                        .append('\n');
                for (String kind : List.of("batch", "alert", "health", "status")) {
                    out.append("topic write ").append(base).append(kind).append('\n');
                }
                out.append("topic read ").append(base).append("ack\n");
                out.append("topic read ").append(base).append("desired\n\n");
            }
        }
        return out.toString();
    }

    private Set<String> managedUsers(List<Gateway> gateways, String existingAcl) {
        Set<String> managed = new HashSet<>();
        gateways.forEach(g -> managed.add(g.id()));
        for (String line : existingAcl.split("\n")) {
            if (line.startsWith(MARKER)) {
                managed.add(line.substring(MARKER.length()).trim());
            }
        }
        if (config.collectorPassword() != null) {
            managed.add(config.collectorUser());
        }
        return managed;
    }

    /** ACL text split into blocks by {@code user} line; the key "" holds what precedes the first user. */
    private static Map<String, String> blocks(String acl) {
        Map<String, StringBuilder> blocks = new LinkedHashMap<>();
        StringBuilder current = blocks.computeIfAbsent("", k -> new StringBuilder());
        for (String line : acl.split("\n")) {
            if (line.startsWith(MARKER) || line.isBlank()) {
                continue; // markers are rewritten with their blocks
            }
            if (line.startsWith("user ")) {
                current = blocks.computeIfAbsent(line.substring(5).trim(), k -> new StringBuilder());
            }
            current.append(line).append('\n');
        }
        Map<String, String> texts = new LinkedHashMap<>();
        blocks.forEach((user, text) -> texts.put(user, text.length() == 0 ? "" : text + "\n"));
        return texts;
    }

    private void write(List<Gateway> gateways) {
        String oldAcl = read(config.aclFile());
        writeAtomically(config.passwdFile(), passwd(gateways, read(config.passwdFile()), oldAcl));
        writeAtomically(config.aclFile(), acl(gateways, oldAcl));
        LOG.info(
                "Wrote Mosquitto password file {} and ACL file {} for {} gateways",
                config.passwdFile(),
                config.aclFile(),
                gateways.size());
        reload.reload();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Temp file and rename, so Mosquitto never reads half a file; keeps the old file's owner. */
    private static void writeAtomically(Path file, String text) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            UserPrincipal owner = Files.exists(file) ? Files.getOwner(file) : null;
            Path tmp = Files.createTempFile(
                    dir,
                    file.getFileName().toString(),
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            if (owner != null) {
                try {
                    Files.setOwner(tmp, owner);
                } catch (IOException | UnsupportedOperationException e) {
                    LOG.warn(
                            "Cannot give {} to {} ({}): Mosquitto may not be able to read it",
                            file,
                            owner,
                            e.getMessage());
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
