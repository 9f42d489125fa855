package de.dos2030.iot.edge.port;

/**
 * One device on an I2C bus: the three transactions the drivers use.
 *
 * <p>Implementations are not thread-safe; the scheduler serialises all access to one bus on one
 * thread, which is also what the bus itself does.
 */
public interface I2cDevice {

    /** Where the device is, for messages. */
    BusAddress.I2c address();

    /** START, address+W, the bytes, STOP. */
    void write(byte[] data) throws BusException;

    /** START, address+R, fills {@code buffer}, STOP. */
    void read(byte[] buffer) throws BusException;

    /** Write then read with a repeated START in between (register reads). */
    void writeRead(byte[] data, byte[] buffer) throws BusException;

    /** Convenience: a register-style read of {@code length} bytes starting at {@code register}. */
    default byte[] readRegisters(int register, int length) throws BusException {
        byte[] buffer = new byte[length];
        writeRead(new byte[] {(byte) register}, buffer);
        return buffer;
    }

    /** Convenience: write one byte to one register. */
    default void writeRegister(int register, int value) throws BusException {
        write(new byte[] {(byte) register, (byte) value});
    }
}
