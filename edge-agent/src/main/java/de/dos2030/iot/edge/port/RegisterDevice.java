package de.dos2030.iot.edge.port;

/**
 * Register access for chips that offer the same register map on I2C and SPI (ADXL355, ADXL345,
 * BME280), so that one driver serves both wirings. Not thread-safe.
 */
public interface RegisterDevice {

    BusAddress address();

    /** Reads consecutive registers (or, for a FIFO register, successive entries) into {@code buffer}. */
    void read(int register, byte[] buffer) throws BusException;

    void writeRegister(int register, int value) throws BusException;

    default byte[] readRegisters(int register, int length) throws BusException {
        byte[] buffer = new byte[length];
        read(register, buffer);
        return buffer;
    }

    /** Over I2C: pointer write, repeated start, read. */
    static RegisterDevice over(I2cDevice device) {
        return new RegisterDevice() {
            @Override
            public BusAddress address() {
                return device.address();
            }

            @Override
            public void read(int register, byte[] buffer) throws BusException {
                device.writeRead(new byte[] {(byte) register}, buffer);
            }

            @Override
            public void writeRegister(int register, int value) throws BusException {
                device.writeRegister(register, value);
            }
        };
    }

    /** Over SPI: one command byte in the chip's format, then the data, in one chip-select frame. */
    static RegisterDevice over(SpiDevice device, SpiRegisterFormat format) {
        return new RegisterDevice() {
            @Override
            public BusAddress address() {
                return device.address();
            }

            @Override
            public void read(int register, byte[] buffer) throws BusException {
                byte[] tx = new byte[buffer.length + 1];
                tx[0] = (byte) format.command(register, true);
                byte[] rx = device.transfer(tx);
                System.arraycopy(rx, 1, buffer, 0, buffer.length);
            }

            @Override
            public void writeRegister(int register, int value) throws BusException {
                device.transfer(new byte[] {(byte) format.command(register, false), (byte) value});
            }
        };
    }
}
