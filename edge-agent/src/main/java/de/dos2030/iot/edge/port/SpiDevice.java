package de.dos2030.iot.edge.port;

/**
 * One device on an SPI bus with its own chip select. Not thread-safe (see {@link I2cDevice}).
 */
public interface SpiDevice {

    BusAddress.Spi address();

    /**
     * One full-duplex transfer framed by chip select: clocks out {@code tx}, returns the bytes
     * clocked in at the same time (same length).
     */
    byte[] transfer(byte[] tx) throws BusException;
}
