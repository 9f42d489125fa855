package de.dos2030.iot.config.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A chip on an I2C bus: bus 1 is the Pi's hardware I2C on GPIO 2/3; any bus from 3 up is a
 * software {@code i2c-gpio} bus on the given SDA/SCL pins (needed by clock-stretching chips such
 * as the SCD30). {@code address} is the 7-bit address, 0x03-0x77.
 */
public record I2cBus(int bus, int address, int sda, int scl) implements BusConfig {

    public static final int MIN_ADDRESS = 0x03;
    public static final int MAX_ADDRESS = 0x77;
    public static final String ADDRESS_ALLOWED = "0x03-0x77";

    public I2cBus {
        Violation.throwIfAny("i2c", violations(bus, address, sda, scl));
    }

    /** A chip on the hardware bus 1 (GPIO 2 SDA, GPIO 3 SCL). */
    public static I2cBus hardware(int address) {
        return new I2cBus(Defaults.I2C_HARDWARE_BUS, address, GpioHeader.I2C1_PINS.get(0), GpioHeader.I2C1_PINS.get(1));
    }

    public boolean isHardware() {
        return bus == Defaults.I2C_HARDWARE_BUS;
    }

    @Override
    public BusKind kind() {
        return BusKind.I2C;
    }

    @Override
    public List<PinClaim> pins() {
        String owner = "i2c-" + bus;
        return List.of(new PinClaim(sda, owner, "SDA", Sharing.BUS), new PinClaim(scl, owner, "SCL", Sharing.BUS));
    }

    public static String hex(int address) {
        return String.format("0x%02X", address);
    }

    public static List<Violation> violations(int bus, int address, int sda, int scl) {
        List<Violation> out = new ArrayList<>();
        if (bus == 0 || bus == 2) {
            out.add(Violation.of(
                    "bus",
                    "i2c-" + bus + " is reserved by the Pi (HAT EEPROM / camera and display)",
                    "1 (hardware) or 3-31 (software i2c-gpio)"));
        } else if (bus < 1 || bus > 31) {
            out.add(Violation.of("bus", bus + " is not an I2C bus number", "1 (hardware) or 3-31 (software i2c-gpio)"));
        }
        if (address < MIN_ADDRESS || address > MAX_ADDRESS) {
            out.add(Violation.of("address", hex(address) + " is not a 7-bit I2C address", ADDRESS_ALLOWED));
        }
        if (bus == Defaults.I2C_HARDWARE_BUS) {
            if (sda != GpioHeader.I2C1_PINS.get(0) || scl != GpioHeader.I2C1_PINS.get(1)) {
                out.add(Violation.of(
                        "sda",
                        "hardware i2c-1 is fixed to GPIO 2 (SDA) and GPIO 3 (SCL)",
                        "omit sda/scl, or sda: 2, scl: 3"));
            }
        } else {
            GpioHeader.check("sda", sda).ifPresent(out::add);
            GpioHeader.check("scl", scl).ifPresent(out::add);
            if (sda == scl) {
                out.add(Violation.of("scl", "SDA and SCL cannot share GPIO " + sda));
            }
        }
        return out;
    }
}
