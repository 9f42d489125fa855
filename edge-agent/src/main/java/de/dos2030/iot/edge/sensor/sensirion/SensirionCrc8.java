package de.dos2030.iot.edge.sensor.sensirion;

/**
 * Sensirion's CRC-8: polynomial 0x31, init 0xFF, MSB first, no reflection, no final XOR.
 * Test vector: CRC(0xBE, 0xEF) = 0x92. Table-driven: it runs on every word of every read.
 */
public final class SensirionCrc8 {

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x31) & 0xFF : (crc << 1) & 0xFF;
            }
            TABLE[i] = crc;
        }
    }

    private SensirionCrc8() {}

    /** CRC of the two bytes of one 16-bit word. */
    public static int ofWord(int msb, int lsb) {
        int crc = TABLE[0xFF ^ (msb & 0xFF)];
        return TABLE[crc ^ (lsb & 0xFF)];
    }
}
