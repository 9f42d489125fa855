package de.dos2030.iot.fleet;

import de.dos2030.iot.edge.outbox.Outbox;
import de.dos2030.iot.edge.outbox.OutboxEntry;
import de.dos2030.iot.edge.outbox.OutboxListener;
import de.dos2030.iot.edge.outbox.ReleaseReason;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.codec.BatchCodec;
import de.dos2030.iot.model.codec.DecodeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

/**
 * A gateway's record of what it generated, for verification after a test: one line per batch its
 * outbox journaled and one per batch that left the outbox, appended with one {@code write} each
 * (so a kill -9 of the process loses nothing the kernel has; the last line may be torn, readers
 * skip it). Lines, space-separated:
 * <pre>
 * B bootId startMs                                                   a boot of this gateway
 * J bootId seq kind readings createdAtMs newestReadingMs alert...    journaled (alert = alertId|state|severity)
 * R bootId seq reason atMs releasingBootId                           released: STORED, DEAD_LETTERED, EVICTED
 * </pre>
 * The J line is written right after the journal write; a kill -9 between the two would leave a
 * journaled batch without its line, so {@link #attach} adds a J line for every waiting batch of
 * the recovered outbox that the log does not know. The listener reads the just-journaled payload back through
 * {@link Outbox#payload}; it runs on the appending thread, which already holds the outbox's
 * (reentrant) monitor.
 */
final class GenerationLog implements OutboxListener, AutoCloseable {
    static final String FILE = "generated.log";

    private final FileChannel channel;
    private final Clock clock;
    private final BatchCodec codec = BatchCodec.cbor();
    private volatile Outbox outbox;

    GenerationLog(Path gatewayDir, Clock clock) throws IOException {
        Files.createDirectories(gatewayDir);
        this.channel = FileChannel.open(
                gatewayDir.resolve(FILE),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        this.clock = clock;
    }

    /** Starts recording this outbox (a new boot): logs the boot and any waiting batch the log lacks. */
    void attach(Outbox outbox, Path gatewayDir) throws IOException {
        this.outbox = outbox;
        write("B " + outbox.origin().bootId() + " " + clock.millis());
        Set<String> known = journaledIdentities(gatewayDir.resolve(FILE));
        for (OutboxEntry e : outbox.waiting(null, 0, x -> true, Integer.MAX_VALUE)) {
            if (!known.contains(e.bootId() + " " + e.sequence())) {
                write(journaled(e));
            }
        }
        outbox.addListener(this);
    }

    @Override
    public void appended(OutboxEntry entry) {
        write(journaled(entry));
    }

    @Override
    public void released(OutboxEntry entry, ReleaseReason reason) {
        write("R " + entry.bootId() + " " + entry.sequence() + " " + reason + " " + clock.millis() + " "
                + outbox.origin().bootId());
    }

    private String journaled(OutboxEntry e) {
        StringBuilder line = new StringBuilder(96)
                .append("J ")
                .append(e.bootId())
                .append(' ')
                .append(e.sequence())
                .append(' ')
                .append(e.kind())
                .append(' ')
                .append(e.readingCount())
                .append(' ')
                .append(e.createdAt().toEpochMilli())
                .append(' ');
        Batch batch;
        try {
            batch = codec.decode(outbox.payload(e));
        } catch (DecodeException | RuntimeException ex) {
            return line.append("- undecodable").toString();
        }
        long newest = newest(batch);
        line.append(newest < 0 ? "-" : Long.toString(newest));
        for (AlertEvent a : batch.alerts()) {
            line.append(' ')
                    .append(a.alertId())
                    .append('|')
                    .append(a.state())
                    .append('|')
                    .append(a.severity());
        }
        return line.toString();
    }

    private synchronized void write(String line) {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generation log: " + e.getMessage(), e);
        }
    }

    static Set<String> journaledIdentities(Path file) throws IOException {
        Set<String> out = new HashSet<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split(" ");
            if (f.length >= 7 && f[0].equals("J")) {
                out.add(f[1] + " " + f[2]);
            }
        }
        return out;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    /** The newest reading time of a batch (epoch ms), -1 when it has none. */
    static long newest(Batch batch) {
        return batch.readings().stream()
                .map(Reading::time)
                .mapToLong(t -> t.toEpochMilli())
                .max()
                .orElse(-1);
    }
}
