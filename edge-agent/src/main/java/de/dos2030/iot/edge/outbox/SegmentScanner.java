package de.dos2030.iot.edge.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads one segment on start-up. A frame whose magic, length or CRC32C does not hold is either a
 * corrupt record (a valid frame follows it: skipped and counted) or a torn tail (nothing valid
 * follows: the file is truncated there and the loss reported). Nothing else is ever removed.
 */
final class SegmentScanner {
    private SegmentScanner() {}

    /** Returns the segment's size after any truncation. */
    static long scan(Path file, long segment, Journal.Visitor visitor, RecoveryReport.Builder report)
            throws IOException {
        byte[] data = Files.readAllBytes(file);
        int pos = 0;
        while (pos < data.length) {
            int body = validBodyLength(data, pos);
            if (body >= 0) {
                deliver(data, pos, body, segment, visitor, report, file);
                pos += JournalFrame.frameBytes(body);
                continue;
            }
            int next = nextValidFrame(data, pos + 1);
            if (next < 0) {
                report.tornTail(file, pos, data.length - pos);
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(pos);
                    channel.force(true);
                }
                return pos;
            }
            report.corruptRecord(file, pos, next - pos);
            pos = next;
        }
        return data.length;
    }

    private static void deliver(
            byte[] data,
            int pos,
            int body,
            long segment,
            Journal.Visitor visitor,
            RecoveryReport.Builder report,
            Path file) {
        byte[] bytes = new byte[body];
        System.arraycopy(data, pos + JournalFrame.HEADER_BYTES, bytes, 0, body);
        try {
            visitor.record(
                    JournalRecord.decode(bytes), new Journal.Location(segment, pos), JournalFrame.frameBytes(body));
        } catch (IllegalArgumentException e) {
            // The checksum held but the body is not ours (written by a newer agent?): keep it on disk, skip it.
            report.corruptRecord(file, pos, JournalFrame.frameBytes(body));
        }
    }

    /** The body length of a valid frame at {@code pos}, or -1. */
    static int validBodyLength(byte[] data, int pos) {
        if (pos + JournalFrame.HEADER_BYTES > data.length) {
            return -1;
        }
        ByteBuffer header = ByteBuffer.wrap(data, pos, JournalFrame.HEADER_BYTES);
        if (header.getInt() != JournalFrame.MAGIC) {
            return -1;
        }
        int length = header.getInt();
        int crc = header.getInt();
        if (length < 0
                || length > JournalFrame.MAX_BODY_BYTES
                || pos + JournalFrame.HEADER_BYTES + (long) length > data.length) {
            return -1;
        }
        return JournalFrame.crc(length, data, pos + JournalFrame.HEADER_BYTES, length) == crc ? length : -1;
    }

    private static int nextValidFrame(byte[] data, int from) {
        for (int p = from; p + JournalFrame.HEADER_BYTES <= data.length; p++) {
            if ((data[p] & 0xFF) == (JournalFrame.MAGIC >>> 24) && validBodyLength(data, p) >= 0) {
                return p;
            }
        }
        return -1;
    }
}
