package de.dos2030.iot.edge.outbox;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Append-only segment files of {@link JournalFrame framed} records in one directory. Knows nothing
 * about batches: the {@link Outbox} decides what to write and when to force it to disk.
 *
 * <p>Segments are named by a zero-padded number ({@code 0000000000000007.seg}); a new one is opened
 * on start and whenever the active one passes its size. Only whole segments are ever deleted.
 * Not thread-safe: the outbox calls it under its lock.
 */
final class Journal implements Closeable {
    static final String SUFFIX = ".seg";

    /** Where a record's frame starts. */
    record Location(long segment, long frameOffset) {}

    /** Receives the records found on start, in journal order. */
    interface Visitor {
        void record(JournalRecord record, Location location, int frameBytes);
    }

    private final Path directory;
    private final long segmentBytes;
    private final TreeMap<Long, Long> segmentSizes = new TreeMap<>();
    private final Map<Long, RandomAccessFile> readers = new HashMap<>();
    private long active;
    /**
     * RandomAccessFile, not FileChannel: an interrupt of the calling thread (a sensor thread being
     * stopped, an executor shut down) closes a FileChannel for everyone, this does not.
     */
    private RandomAccessFile writer;

    private long writePosition;
    private boolean dirty;

    private Journal(Path directory, long segmentBytes) {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
    }

    /**
     * Opens the journal in {@code directory} (created if missing), replays every readable record
     * into {@code visitor}, truncates a torn tail, and opens a fresh active segment.
     */
    static Journal open(Path directory, long segmentBytes, Visitor visitor, RecoveryReport.Builder report)
            throws IOException {
        Files.createDirectories(directory);
        Journal journal = new Journal(directory, segmentBytes);
        List<Long> existing = journal.listSegments();
        report.segments = existing.size();
        for (int i = 0; i < existing.size(); i++) {
            long segment = existing.get(i);
            long size = SegmentScanner.scan(journal.segmentPath(segment), segment, visitor, report);
            journal.segmentSizes.put(segment, size);
        }
        journal.openSegment(existing.isEmpty() ? 1 : existing.get(existing.size() - 1) + 1);
        return journal;
    }

    private List<Long> listSegments() throws IOException {
        List<Long> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("\\d{16}\\" + SUFFIX))
                    .forEach(n -> out.add(Long.parseLong(n.substring(0, 16))));
        }
        out.sort(null);
        return out;
    }

    Path segmentPath(long segment) {
        return directory.resolve(String.format("%016d%s", segment, SUFFIX));
    }

    private void openSegment(long segment) throws IOException {
        if (writer != null) {
            writer.getFD().sync();
            writer.close();
        }
        active = segment;
        Path file = segmentPath(segment);
        if (Files.exists(file)) {
            throw new IOException("segment " + file + " exists already: is a second agent using this outbox?");
        }
        writer = new RandomAccessFile(file.toFile(), "rw");
        writePosition = 0;
        segmentSizes.put(segment, 0L);
        forceDirectory();
    }

    /** Starts a new active segment, so that the current one can be reclaimed. */
    void roll() throws IOException {
        openSegment(active + 1);
    }

    long segmentSize(long segment) {
        return segmentSizes.getOrDefault(segment, 0L);
    }

    /** Appends one record; rolls to a new segment first when the active one is full. */
    Location append(byte[] body) throws IOException {
        ByteBuffer frame = JournalFrame.encode(body);
        if (writePosition > 0 && writePosition + frame.remaining() > segmentBytes) {
            openSegment(active + 1);
        }
        Location at = new Location(active, writePosition);
        writer.seek(writePosition);
        writer.write(frame.array(), 0, frame.limit());
        writePosition += frame.limit();
        segmentSizes.put(active, writePosition);
        dirty = true;
        return at;
    }

    /** Forces everything appended so far to the storage device. */
    void force() throws IOException {
        if (dirty) {
            writer.getFD().sync();
            dirty = false;
        }
    }

    boolean hasUnsyncedData() {
        return dirty;
    }

    byte[] read(long segment, long position, int length) {
        try {
            RandomAccessFile file = segment == active ? writer : readers.get(segment);
            if (file == null) {
                file = new RandomAccessFile(segmentPath(segment).toFile(), "r");
                readers.put(segment, file);
            }
            byte[] bytes = new byte[length];
            file.seek(position);
            file.readFully(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read outbox journal " + segmentPath(segment) + ": check the storage device", e);
        }
    }

    /** Deletes a whole segment that holds nothing live any more; never the active one. */
    void delete(long segment) throws IOException {
        if (segment == active) {
            throw new IllegalArgumentException("the active segment " + segment + " cannot be deleted");
        }
        RandomAccessFile reader = readers.remove(segment);
        if (reader != null) {
            reader.close();
        }
        Files.deleteIfExists(segmentPath(segment));
        segmentSizes.remove(segment);
    }

    long activeSegment() {
        return active;
    }

    /** Segment numbers, oldest first, including the active one. */
    List<Long> segments() {
        return new ArrayList<>(segmentSizes.keySet());
    }

    long diskBytes() {
        return segmentSizes.values().stream().mapToLong(Long::longValue).sum();
    }

    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open a directory; the segment's own force still holds its data.
        }
    }

    @Override
    public void close() throws IOException {
        for (RandomAccessFile reader : readers.values()) {
            reader.close();
        }
        readers.clear();
        if (writer != null) {
            writer.getFD().sync();
            writer.close();
            writer = null;
        }
    }
}
