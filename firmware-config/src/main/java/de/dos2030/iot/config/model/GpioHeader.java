package de.dos2030.iot.config.model;

import java.util.List;
import java.util.Optional;

/**
 * The Raspberry Pi's 40-pin header in BCM numbering: which GPIOs a file may use and which pins
 * the hardware I2C and SPI buses occupy. GPIO 0 and 1 are on the header but reserved for the HAT
 * ID EEPROM, so the usable range is GPIO 2-27.
 */
public final class GpioHeader {

    public static final int FIRST_USABLE = 2;
    public static final int LAST_USABLE = 27;
    public static final String ALLOWED = "GPIO 2-27 (BCM numbering; 0 and 1 are reserved for the HAT EEPROM)";

    /** Hardware I2C1: SDA, SCL. */
    public static final List<Integer> I2C1_PINS = List.of(2, 3);
    /** SPI0: MISO, MOSI, SCLK; chip selects CE0, CE1. */
    public static final List<Integer> SPI0_PINS = List.of(9, 10, 11);

    public static final List<Integer> SPI0_CHIP_SELECTS = List.of(8, 7);
    /** SPI1 (auxiliary): MISO, MOSI, SCLK; chip selects CE0, CE1, CE2. */
    public static final List<Integer> SPI1_PINS = List.of(19, 20, 21);

    public static final List<Integer> SPI1_CHIP_SELECTS = List.of(18, 17, 16);

    private GpioHeader() {}

    public static boolean isUsable(int gpio) {
        return gpio >= FIRST_USABLE && gpio <= LAST_USABLE;
    }

    /** A violation at {@code path} when {@code gpio} is not a usable header pin. */
    public static Optional<Violation> check(String path, int gpio) {
        return isUsable(gpio)
                ? Optional.empty()
                : Optional.of(
                        Violation.of(path, "GPIO " + gpio + " is not a usable pin on the 40-pin header", ALLOWED));
    }
}
