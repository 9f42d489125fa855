package de.dos2030.iot.config.model;

import java.util.List;

/**
 * How a sensor's chip is wired: an I2C bus and address, an SPI bus and chip select, or two plain
 * GPIO pins (bit-banged HX711). Every wiring claims header pins; pins claimed under the same
 * {@link PinClaim#owner()} (e.g. two chips on {@code i2c-1}) may be shared, all others may not.
 */
public sealed interface BusConfig permits I2cBus, SpiBus, GpioBus {

    BusKind kind();

    /** The GPIOs this wiring occupies. */
    List<PinClaim> pins();

    /**
     * One header pin and the bus that owns it, e.g. GPIO 2 as {@code SDA} of {@code i2c-1}.
     * A {@link Sharing#BUS} pin may be claimed again by another chip on the same owner bus;
     * an {@link Sharing#EXCLUSIVE} pin belongs to one chip or output only.
     */
    record PinClaim(int gpio, String owner, String role, Sharing sharing) {}

    /** Whether other chips on the same bus may use the same pin. */
    enum Sharing {
        BUS,
        EXCLUSIVE
    }
}
