package de.dos2030.iot.edge.port;

/**
 * Where a device sits, printed the way a technician reads it off {@code i2cdetect} or the wiring
 * plan: {@code i2c-1 0x62}, {@code spi-0.0}.
 */
public sealed interface BusAddress {

    /** An I2C device: Linux bus number ({@code /dev/i2c-N}) and 7-bit address. */
    record I2c(int bus, int address) implements BusAddress {
        public I2c {
            if (bus < 0) throw new IllegalArgumentException("I2C bus must be >= 0, was " + bus);
            if (address < 0x03 || address > 0x77) {
                throw new IllegalArgumentException(
                        String.format("I2C address must be 0x03..0x77, was 0x%02X", address));
            }
        }

        @Override
        public String toString() {
            return String.format("i2c-%d 0x%02X", bus, address);
        }
    }

    /** An SPI device: Linux bus number and chip select ({@code /dev/spidevB.C}). */
    record Spi(int bus, int chipSelect) implements BusAddress {
        public Spi {
            if (bus < 0 || chipSelect < 0) throw new IllegalArgumentException("SPI bus and chip select must be >= 0");
        }

        @Override
        public String toString() {
            return "spi-" + bus + "." + chipSelect;
        }
    }

    /** A GPIO line by its BCM number. */
    record Gpio(int pin) implements BusAddress {
        public Gpio {
            if (pin < 0) throw new IllegalArgumentException("GPIO pin must be >= 0, was " + pin);
        }

        @Override
        public String toString() {
            return "GPIO" + pin;
        }
    }

    /** Name of the bus alone, e.g. {@code i2c-1}: sensors on one bus share its transactions. */
    default String busName() {
        if (this instanceof I2c i2c) return "i2c-" + i2c.bus();
        if (this instanceof Spi spi) return "spi-" + spi.bus() + "." + spi.chipSelect();
        return "gpio";
    }
}
