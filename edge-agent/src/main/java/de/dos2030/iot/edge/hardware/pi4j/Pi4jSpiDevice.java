package de.dos2030.iot.edge.hardware.pi4j;

import com.pi4j.io.spi.Spi;
import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.port.SpiDevice;

/** {@link SpiDevice} on a Pi4J linuxfs SPI handle: one ioctl transfer per call, CS framed by the kernel. */
final class Pi4jSpiDevice implements SpiDevice {

    private final Spi spi;
    private final BusAddress.Spi address;

    Pi4jSpiDevice(Spi spi, BusAddress.Spi address) {
        this.spi = spi;
        this.address = address;
    }

    @Override
    public BusAddress.Spi address() {
        return address;
    }

    @Override
    public byte[] transfer(byte[] tx) throws BusException {
        byte[] rx = new byte[tx.length];
        try {
            int n = spi.transfer(tx, 0, rx, 0, tx.length);
            if (n != tx.length)
                throw new BusException(
                        BusException.Kind.OTHER, address, "transferred " + n + " of " + tx.length + " bytes");
            return rx;
        } catch (RuntimeException e) {
            throw Pi4jErrors.classify(address, e);
        }
    }
}
