package de.dos2030.iot.edge.outbox;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The two kinds of journal record: a batch entered the outbox ({@link Enqueue}), or it left it
 * ({@link Release}: stored, dead-lettered or evicted). Bodies are framed by {@link JournalFrame}.
 */
sealed interface JournalRecord {
    byte ENQUEUE = 1;
    byte RELEASE = 2;

    long entryId();

    byte[] encode();

    /** Everything about an entry except its payload's position, and the payload itself. */
    record Enqueue(
            long entryId,
            EntryKind kind,
            long createdAtMillis,
            String bootId,
            long sequence,
            int readingCount,
            byte[] payload)
            implements JournalRecord {
        /** Bytes before the payload inside the body: offsets are computed from it on recovery. */
        int payloadOffsetInBody() {
            return 1 + 8 + 1 + 8 + 8 + 4 + 2 + bootId.getBytes(StandardCharsets.UTF_8).length + 4;
        }

        @Override
        public byte[] encode() {
            byte[] boot = bootId.getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.allocate(payloadOffsetInBody() + payload.length);
            b.put(ENQUEUE)
                    .putLong(entryId)
                    .put((byte) kind.ordinal())
                    .putLong(createdAtMillis)
                    .putLong(sequence)
                    .putInt(readingCount)
                    .putShort((short) boot.length)
                    .put(boot)
                    .putInt(payload.length)
                    .put(payload);
            return b.array();
        }
    }

    record Release(long entryId, ReleaseReason reason) implements JournalRecord {
        @Override
        public byte[] encode() {
            return ByteBuffer.allocate(10)
                    .put(RELEASE)
                    .putLong(entryId)
                    .put((byte) reason.ordinal())
                    .array();
        }
    }

    /**
     * Parses a body whose CRC already matched.
     *
     * @throws IllegalArgumentException when the body is not a record this code writes
     */
    static JournalRecord decode(byte[] body) {
        try {
            ByteBuffer b = ByteBuffer.wrap(body);
            byte type = b.get();
            long id = b.getLong();
            if (type == RELEASE) {
                return new Release(id, ReleaseReason.values()[b.get()]);
            }
            if (type != ENQUEUE) {
                throw new IllegalArgumentException("unknown record type " + type);
            }
            EntryKind kind = EntryKind.values()[b.get()];
            long created = b.getLong();
            long sequence = b.getLong();
            int readings = b.getInt();
            byte[] boot = new byte[b.getShort()];
            b.get(boot);
            byte[] payload = new byte[b.getInt()];
            b.get(payload);
            return new Enqueue(
                    id, kind, created, new String(boot, StandardCharsets.UTF_8), sequence, readings, payload);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("record body is truncated or has a bad field: " + e, e);
        }
    }
}
