package de.dos2030.iot.edge.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Batches the collector rejected for good, kept for inspection: {@code <boot>-<seq>.cbor} with the
 * payload exactly as sent and {@code <boot>-<seq>.txt} with the reason. Keeps the newest
 * {@link #MAX_FILES} batches so a collector that rejects everything cannot fill the SD card.
 */
public final class DeadLetters {
    public static final int MAX_FILES = 500;

    private final Path directory;

    public DeadLetters(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** Writes both files (payload first, each via a temporary file) and returns the payload's path. */
    Path put(OutboxEntry entry, String gatewayId, byte[] payload, String reason, Instant at) throws IOException {
        Files.createDirectories(directory);
        String name = entry.bootId() + "-" + entry.sequence();
        Path data = write(name + ".cbor", payload);
        String text = "identity: " + gatewayId + "/" + entry.label() + "\n" + "kind: " + entry.kind() + "\n"
                + "readings: " + entry.readingCount() + "\n" + "created: " + entry.createdAt() + "\n"
                + "rejected: " + at + "\n" + "reason: " + reason + "\n";
        write(name + ".txt", text.getBytes(StandardCharsets.UTF_8));
        trim();
        return data;
    }

    /** Reasons of the batches kept, oldest first: {@code <boot>-<seq>} and the text file's content. */
    public List<Path> reasonFiles() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.toString().endsWith(".txt"))
                    .sorted(byAge())
                    .toList();
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path tmp = directory.resolve(name + ".tmp");
        Files.write(tmp, bytes);
        return Files.move(
                tmp, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private void trim() throws IOException {
        List<Path> reasons = reasonFiles();
        for (int i = 0; i < reasons.size() - MAX_FILES; i++) {
            Path reason = reasons.get(i);
            String base = reason.getFileName().toString().replaceFirst("\\.txt$", "");
            Files.deleteIfExists(directory.resolve(base + ".cbor"));
            Files.deleteIfExists(reason);
        }
    }

    private static Comparator<Path> byAge() {
        return Comparator.comparing((Path p) -> {
                    try {
                        return Files.getLastModifiedTime(p).toMillis();
                    } catch (IOException e) {
                        return 0L;
                    }
                })
                .thenComparing(Path::toString);
    }
}
