package de.dos2030.iot.edge.pipeline.rules;

import de.dos2030.iot.model.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The active alerts, on disk, so that a restarted agent neither raises an alarm again nor forgets
 * one. One line per active alert ({@code key TAB severity TAB alertId TAB raisedAtNanos}), written
 * to a temporary file, synced and renamed over the old one at every transition: transitions are
 * rare, and a power cut leaves either the old or the new file, never half of one.
 *
 * <p>Not thread-safe: the pipeline serialises all calls.
 */
public final class RuleStateStore {

    public static final String FILE_NAME = "rule-state.tsv";

    /** One persisted active alert. */
    public record Entry(String key, Severity severity, String alertId, long raisedAtNanos) {}

    private final Path file;
    private final Map<String, Entry> active = new TreeMap<>();

    private RuleStateStore(Path file) {
        this.file = file;
    }

    /** A store that keeps nothing across restarts (replay, tests that do not care). */
    public static RuleStateStore inMemory() {
        return new RuleStateStore(null);
    }

    /**
     * Opens the store in {@code dir} (created if missing) and reads what the last run left.
     *
     * @throws UncheckedIOException when the directory or the file cannot be read; a line that is not
     *                              an entry is reported with its number, never silently skipped
     */
    public static RuleStateStore open(Path dir) {
        RuleStateStore store = new RuleStateStore(dir.resolve(FILE_NAME));
        try {
            Files.createDirectories(dir);
            if (Files.exists(store.file)) {
                List<String> lines = Files.readAllLines(store.file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] f = line.split("\t");
                    try {
                        Entry e = new Entry(f[0], Severity.valueOf(f[1]), f[2], Long.parseLong(f[3]));
                        store.active.put(e.key(), e);
                    } catch (RuntimeException bad) {
                        throw new IllegalStateException(
                                store.file + ":" + (i + 1) + ": not a rule state line ('" + line
                                        + "'): delete the file to start with all rules normal",
                                bad);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule state in " + dir + ": " + e.getMessage(), e);
        }
        return store;
    }

    public Optional<Entry> get(String key) {
        return Optional.ofNullable(active.get(key));
    }

    /** Every persisted active alert, by key. */
    public Map<String, Entry> entries() {
        return Collections.unmodifiableMap(active);
    }

    /** Records the tracker's current state and writes the file. */
    public void update(AlertTracker tracker) {
        if (tracker.isActive()) {
            active.put(
                    tracker.key(),
                    new Entry(tracker.key(), tracker.active(), tracker.alertId(), tracker.raisedAtNanos()));
        } else {
            active.remove(tracker.key());
        }
        write();
    }

    /** Forgets an entry whose rule no longer exists. */
    public void remove(String key) {
        if (active.remove(key) != null) {
            write();
        }
    }

    /** Writes the file now (also done at every update). */
    public void write() {
        if (file == null) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (Entry e : active.values()) {
            lines.add(e.key() + "\t" + e.severity().name() + "\t" + e.alertId() + "\t" + e.raisedAtNanos());
        }
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write rule state " + file + ": " + e.getMessage()
                            + ": check free space and permissions of the state directory",
                    e);
        }
    }
}
