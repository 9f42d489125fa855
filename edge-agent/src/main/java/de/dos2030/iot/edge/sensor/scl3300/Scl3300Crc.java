package de.dos2030.iot.edge.sensor.scl3300;

/** SCL3300 frame CRC-8: polynomial 0x1D, init 0xFF, over bits 31:8, result inverted. */
public final class Scl3300Crc {

    private Scl3300Crc() {}

    public static int of(int frame) {
        int crc = 0xFF;
        for (int i = 31; i >= 8; i--) {
            int bit = (frame >>> i) & 1;
            int top = (crc >> 7) & 1;
            crc = (crc << 1) & 0xFF;
            if ((bit ^ top) != 0) crc ^= 0x1D;
        }
        return ~crc & 0xFF;
    }

    /** A request frame for {@code address}, read or write, with data and CRC. */
    public static int frame(boolean write, int address, int data) {
        int f = ((write ? 0x80 : 0) | ((address & 0x1F) << 2)) << 24 | (data & 0xFFFF) << 8;
        return f | of(f);
    }
}
