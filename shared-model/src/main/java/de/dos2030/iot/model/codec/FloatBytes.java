package de.dos2030.iot.model.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Raw capture values as bytes: little-endian IEEE 754 single precision, 4 bytes a value, NaN kept.
 * The CBOR codec's byte string and the collector's stored blob share this layout.
 */
public final class FloatBytes {
    private FloatBytes() {}

    public static byte[] encode(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    /** @throws IllegalArgumentException when the length is not a multiple of 4 */
    public static float[] decode(byte[] bytes) {
        if (bytes.length % Float.BYTES != 0) {
            throw new IllegalArgumentException(bytes.length + " bytes are not a whole number of 4-byte floats");
        }
        float[] out = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
