package de.dos2030.iot.edge.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The remote configurations on disk, under {@code <state>/config/}:
 * <ul>
 *   <li>{@code active.yaml}: the committed remote configuration; preferred over {@code --config} at start;</li>
 *   <li>{@code previous.yaml}: the one it replaced;</li>
 *   <li>{@code pending.yaml}: the one being watched;</li>
 *   <li>{@code rollback.yaml}: the marker of an apply in progress, holding the configuration to return
 *       to: present exactly from before the switch until the outcome is on disk. A start that finds it
 *       was killed mid-apply and runs it;</li>
 *   <li>{@code failed}: the version that last rolled back, not tried again until another is desired.</li>
 * </ul>
 * Every file is written to a temporary file, forced to disk and renamed over the old one, then the
 * directory is forced: a power cut leaves the old or the new file, never half of one.
 *
 * <p>Not thread-safe: the applier's thread and the start-up use it, never both at once.
 */
public final class ConfigFiles {

    static final String ACTIVE = "active.yaml";
    static final String PREVIOUS = "previous.yaml";
    static final String PENDING = "pending.yaml";
    static final String ROLLBACK = "rollback.yaml";
    static final String FAILED = "failed";

    private final Path dir;

    /** @param stateDir the agent's state directory; the files live in its {@code config} folder */
    public ConfigFiles(Path stateDir) {
        this.dir = stateDir.resolve("config");
    }

    public Path directory() {
        return dir;
    }

    public Path active() {
        return dir.resolve(ACTIVE);
    }

    public Optional<String> read(String name) {
        Path f = dir.resolve(name);
        try {
            return Files.exists(f) ? Optional.of(Files.readString(f, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /** Before the switch: the new file, then the marker with the file to return to. */
    public void beginApply(String pendingYaml, String runningYaml) {
        write(PENDING, pendingYaml);
        write(ROLLBACK, runningYaml);
    }

    /** The watch passed: the running file becomes previous, the pending one active; the marker goes last. */
    public void commit(String runningBefore) {
        write(PREVIOUS, runningBefore);
        move(PENDING, ACTIVE);
        delete(ROLLBACK);
    }

    /** The watch failed: the pending file and the marker go; active stays what runs again. */
    public void rolledBack(String failedVersion) {
        write(FAILED, failedVersion);
        delete(PENDING);
        delete(ROLLBACK);
    }

    /** The version that last rolled back, if any. */
    public Optional<String> failedVersion() {
        return read(FAILED).map(String::trim);
    }

    /**
     * At start, after a kill in the middle of an apply: the file to return to becomes active again
     * (whatever step the apply had reached), the pending one is remembered as failed.
     *
     * @return the YAML of the interrupted apply's pending file, when there was an interrupted apply
     */
    public Optional<String> recoverInterruptedApply() {
        Optional<String> rollback = read(ROLLBACK);
        if (rollback.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> pending = read(PENDING);
        write(ACTIVE, rollback.get());
        write(FAILED, pending.map(ConfigVersion::of).orElse("unknown"));
        delete(PENDING);
        delete(ROLLBACK);
        return Optional.of(pending.orElse(""));
    }

    void write(String name, String text) {
        Path target = dir.resolve(name);
        Path tmp = dir.resolve(name + ".tmp");
        try {
            Files.createDirectories(dir);
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            force(tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write " + target + ": " + e.getMessage() + ": check free space and permissions", e);
        }
    }

    private void move(String from, String to) {
        try {
            Files.move(
                    dir.resolve(from),
                    dir.resolve(to),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            forceDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot rename " + from + " to " + to + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void delete(String name) {
        try {
            Files.deleteIfExists(dir.resolve(name));
            forceDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** A rename is durable only once its directory is (Linux; elsewhere opening a directory may fail). */
    private void forceDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Not every file system lets a directory be opened; the rename itself is still atomic.
        }
    }
}
