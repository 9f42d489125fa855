package de.dos2030.iot.edge.outbox;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * How one record sits in a segment file: {@code magic(4) length(4) crc32c(4) body(length)}, big
 * endian. The CRC32C covers the length and the body, so a torn or flipped length is caught as
 * surely as a flipped body byte. The magic lets recovery find the next record after a corrupt one.
 */
final class JournalFrame {
    static final int MAGIC = 0xD05B0A7C;
    static final int HEADER_BYTES = 12;
    /** A body longer than this is a corrupt length, not a record: the largest batch plus headroom. */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private JournalFrame() {}

    static ByteBuffer encode(byte[] body) {
        ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + body.length);
        frame.putInt(MAGIC)
                .putInt(body.length)
                .putInt(crc(body.length, body, 0, body.length))
                .put(body);
        return frame.flip();
    }

    static int crc(int length, byte[] body, int offset, int count) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(4).putInt(0, length));
        crc.update(body, offset, count);
        return (int) crc.getValue();
    }

    static int frameBytes(int bodyLength) {
        return HEADER_BYTES + bodyLength;
    }
}
