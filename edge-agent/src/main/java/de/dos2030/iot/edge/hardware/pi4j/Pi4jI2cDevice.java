package de.dos2030.iot.edge.hardware.pi4j;

import com.pi4j.io.i2c.I2C;
import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.port.I2cDevice;

/** {@link I2cDevice} on a Pi4J linuxfs I2C handle. A short transfer counts as an error. */
final class Pi4jI2cDevice implements I2cDevice, AutoCloseable {

    private final I2C i2c;
    private final BusAddress.I2c address;

    Pi4jI2cDevice(I2C i2c, BusAddress.I2c address) {
        this.i2c = i2c;
        this.address = address;
    }

    @Override
    public BusAddress.I2c address() {
        return address;
    }

    @Override
    public void write(byte[] data) throws BusException {
        try {
            int n = i2c.write(data, 0, data.length);
            if (n != data.length)
                throw new BusException(
                        BusException.Kind.OTHER, address, "wrote " + n + " of " + data.length + " bytes");
        } catch (RuntimeException e) {
            throw Pi4jErrors.classify(address, e);
        }
    }

    @Override
    public void read(byte[] buffer) throws BusException {
        try {
            int n = i2c.read(buffer, 0, buffer.length);
            if (n != buffer.length)
                throw new BusException(
                        BusException.Kind.OTHER, address, "read " + n + " of " + buffer.length + " bytes");
        } catch (RuntimeException e) {
            throw Pi4jErrors.classify(address, e);
        }
    }

    @Override
    public void writeRead(byte[] data, byte[] buffer) throws BusException {
        try {
            int n = i2c.writeRead(data, buffer);
            if (n < 0) throw new BusException(BusException.Kind.OTHER, address, "write-read failed (" + n + ")");
        } catch (RuntimeException e) {
            throw Pi4jErrors.classify(address, e);
        }
    }

    @Override
    public void close() {
        i2c.close();
    }
}
