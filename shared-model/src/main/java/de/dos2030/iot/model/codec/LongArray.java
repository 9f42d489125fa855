package de.dos2030.iot.model.codec;

import java.util.Arrays;

/** A growable array of primitive longs, so decoding a series does not box every number. */
final class LongArray {
    private long[] values = new long[16];
    private int size;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    long get(int index) {
        return values[index];
    }

    int size() {
        return size;
    }
}
