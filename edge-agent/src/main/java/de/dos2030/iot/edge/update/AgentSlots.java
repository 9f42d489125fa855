package de.dos2030.iot.edge.update;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The agent's A/B slots on the gateway ({@code <state>/agent}, see docs/operations.md):
 * <pre>
 * a/edge-agent.jar  a/VERSION       one installed agent
 * b/edge-agent.jar  b/VERSION       the other
 * current -> a                      the one launch-agent.sh starts (a relative symbolic link)
 * pending.json                      an update switched on, not yet healthy ({@link PendingUpdate})
 * reverted.json                     the launcher switched back (version, sha256, reason, at)
 * failed                            "version sha256" per line: releases that were rolled back, never offered again
 * </pre>
 * Every change is a write to a temporary name, fsync, rename and fsync of the directory, so a power cut or
 * kill -9 at any point leaves {@code current} on a complete slot. Not thread-safe: one updater per gateway.
 */
public final class AgentSlots {
    public static final String JAR = "edge-agent.jar";
    static final Set<String> SLOTS = Set.of("a", "b");

    private final Path dir;

    public AgentSlots(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    static String requireSlot(String slot) {
        if (slot == null || !SLOTS.contains(slot)) {
            throw new IllegalArgumentException("agent slot '" + slot + "' is unknown (allowed: a, b)");
        }
        return slot;
    }

    /** The slot {@code current} points at; empty when the agent was not installed with slots (a dev run). */
    public Optional<String> current() throws IOException {
        Path link = dir.resolve("current");
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        String target = Files.readSymbolicLink(link).toString();
        return SLOTS.contains(target) ? Optional.of(target) : Optional.empty();
    }

    public static String other(String slot) {
        return requireSlot(slot).equals("a") ? "b" : "a";
    }

    /** The version installed in a slot, from its VERSION file. */
    public Optional<String> versionOf(String slot) throws IOException {
        Path file = dir.resolve(requireSlot(slot)).resolve("VERSION");
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
    }

    /**
     * Installs a verified jar into a slot that {@code current} does not point at: the jar and its VERSION file,
     * each complete and synced before it takes its name.
     */
    public void install(String slot, Path verifiedJar, String version) throws IOException {
        if (current().filter(slot::equals).isPresent()) {
            throw new IllegalStateException("slot " + slot + " is the running agent's: install into the other one");
        }
        Path target = Files.createDirectories(dir.resolve(requireSlot(slot)));
        Path part = target.resolve(JAR + ".part");
        Files.copy(verifiedJar, part, StandardCopyOption.REPLACE_EXISTING);
        replace(part, target.resolve(JAR));
        writeAtomically(target.resolve("VERSION"), PendingUpdate.requireVersion(version) + "\n");
    }

    /** Points {@code current} at a slot in one rename, so that it is the old or the new link, never none. */
    public void switchTo(String slot) throws IOException {
        Path temp = dir.resolve("current.next");
        Files.deleteIfExists(temp);
        Files.createSymbolicLink(temp, Path.of(requireSlot(slot)));
        Files.move(temp, dir.resolve("current"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(dir);
    }

    public Optional<PendingUpdate> pending() throws IOException {
        Path file = dir.resolve("pending.json");
        try {
            return Optional.of(PendingUpdate.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    public void writePending(PendingUpdate pending) throws IOException {
        writeAtomically(dir.resolve("pending.json"), pending.toJson());
    }

    public void deletePending() throws IOException {
        Files.deleteIfExists(dir.resolve("pending.json"));
        syncDirectory(dir);
    }

    /** Whether this release was rolled back here before (the launcher lists it in {@code failed}). */
    public boolean failedBefore(String version, String sha256) throws IOException {
        Path file = dir.resolve("failed");
        if (!Files.isRegularFile(file)) {
            return false;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return lines.stream().map(String::trim).anyMatch(l -> l.equals(version + " " + sha256));
    }

    /** Writes text to a file through a synced temporary file and a rename. */
    void writeAtomically(Path file, String text) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(part, text, StandardCharsets.UTF_8);
        replace(part, file);
    }

    private static void replace(Path part, Path file) throws IOException {
        try (FileChannel c = FileChannel.open(part, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(file.getParent());
    }

    static void syncDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            try (FileChannel c = FileChannel.open(directory, StandardOpenOption.READ)) {
                c.force(true);
            }
        }
    }
}
