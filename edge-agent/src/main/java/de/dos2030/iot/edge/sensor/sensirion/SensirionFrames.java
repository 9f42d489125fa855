package de.dos2030.iot.edge.sensor.sensirion;

import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.port.I2cDevice;
import de.dos2030.iot.edge.sensor.SensorException;
import de.dos2030.iot.edge.sensor.SensorLabel;

/**
 * Sensirion I2C framing shared by the SCD4x, SCD30, SHT3x and SHT4x drivers and their simulated
 * chips: 16-bit big-endian commands and data words, each data word followed by its CRC-8.
 * (Sensirion's own embedded drivers share it the same way: {@code sensirion_i2c.c}.)
 */
public final class SensirionFrames {

    private SensirionFrames() {}

    /** A 16-bit command followed by its argument words, each with CRC. */
    public static byte[] command(int command, int... args) {
        byte[] out = new byte[2 + 3 * args.length];
        out[0] = (byte) (command >> 8);
        out[1] = (byte) command;
        writeWords(out, 2, args);
        return out;
    }

    /** Data words as they go over the wire: MSB, LSB, CRC per word. */
    public static byte[] encodeWords(int... words) {
        byte[] out = new byte[3 * words.length];
        writeWords(out, 0, words);
        return out;
    }

    private static void writeWords(byte[] out, int offset, int[] words) {
        for (int i = 0; i < words.length; i++) {
            int msb = (words[i] >> 8) & 0xFF;
            int lsb = words[i] & 0xFF;
            out[offset + 3 * i] = (byte) msb;
            out[offset + 3 * i + 1] = (byte) lsb;
            out[offset + 3 * i + 2] = (byte) SensirionCrc8.ofWord(msb, lsb);
        }
    }

    /**
     * Reads {@code words} words of a command's response from the chip, each CRC-checked.
     *
     * @param what the command name for the message, e.g. {@code read_measurement}
     * @throws SensorException the bus fault in the technician's words, or {@code CRC_MISMATCH}
     */
    public static int[] readWords(I2cDevice device, int words, SensorLabel label, String what) throws SensorException {
        byte[] buffer = new byte[3 * words];
        try {
            device.read(buffer);
        } catch (BusException e) {
            throw label.fromBus(e);
        }
        return decodeWords(buffer, label, what);
    }

    /**
     * The words of a response, each CRC-checked.
     *
     * @param what the command name for the message, e.g. {@code read_measurement}
     * @throws SensorException {@code CRC_MISMATCH} naming the command and word
     */
    public static int[] decodeWords(byte[] data, SensorLabel label, String what) throws SensorException {
        if (data.length % 3 != 0)
            throw new IllegalArgumentException("response length must be a multiple of 3: " + data.length);
        int[] words = new int[data.length / 3];
        for (int i = 0; i < words.length; i++) {
            int msb = data[3 * i] & 0xFF;
            int lsb = data[3 * i + 1] & 0xFF;
            int received = data[3 * i + 2] & 0xFF;
            int computed = SensirionCrc8.ofWord(msb, lsb);
            if (received != computed) {
                throw label.crcMismatch(what + " word " + i, received, computed);
            }
            words[i] = (msb << 8) | lsb;
        }
        return words;
    }

    /** True if the payload is all 0xFF: an idle bus answering for a chip that has nothing to say. */
    public static boolean allOnes(byte[] data) {
        for (byte b : data) if (b != (byte) 0xFF) return false;
        return true;
    }
}
