package de.dos2030.iot.edge.pipeline.feature;

/** The last {@code capacity} values of a channel, oldest first on copy-out. Primitive, fixed size. */
public final class SampleRing {

    private final double[] values;
    private int next;
    private int count;

    public SampleRing(int capacity) {
        values = new double[capacity];
    }

    public void add(double v) {
        values[next] = v;
        next = (next + 1) % values.length;
        if (count < values.length) {
            count++;
        }
    }

    public int count() {
        return count;
    }

    public int capacity() {
        return values.length;
    }

    public boolean isFull() {
        return count == values.length;
    }

    /** Copies the held values, oldest first, into {@code dst[0 .. count)}. */
    public void copyTo(double[] dst) {
        int start = count < values.length ? 0 : next;
        int firstPart = Math.min(count, values.length - start);
        System.arraycopy(values, start, dst, 0, firstPart);
        System.arraycopy(values, 0, dst, firstPart, count - firstPart);
    }

    public void clear() {
        next = 0;
        count = 0;
    }
}
