package de.dos2030.iot.edge.port;

import java.util.List;

/**
 * Opens devices on the gateway's buses. The hardware implementation uses Pi4J; the simulated
 * one attaches register-level fake chips. Closing releases every device it opened.
 */
public interface BusFactory extends AutoCloseable {

    I2cDevice i2c(BusAddress.I2c address) throws BusException;

    /**
     * @param clockHz SPI clock
     * @param mode    SPI mode 0..3 (CPOL/CPHA)
     */
    SpiDevice spi(BusAddress.Spi address, int clockHz, int mode) throws BusException;

    GpioOutput gpioOutput(int pin) throws BusException;

    GpioInput gpioInput(int pin) throws BusException;

    /**
     * The 7-bit addresses answering on an I2C bus, ascending, like {@code i2cdetect -y -r BUS}:
     * used by {@code probe} to list devices the configuration does not mention.
     */
    List<Integer> scanI2c(int bus) throws BusException;

    @Override
    void close();
}
