package de.dos2030.iot.config.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A chip on an SPI bus: bus 0 (chip selects 0-1) or the auxiliary bus 1 (chip selects 0-2),
 * clocked at {@code clockHz}.
 */
public record SpiBus(int bus, int chipSelect, int clockHz) implements BusConfig {

    public static final int MAX_CLOCK_HZ = 32_000_000;

    public SpiBus {
        Violation.throwIfAny("spi", violations(bus, chipSelect, clockHz));
    }

    @Override
    public BusKind kind() {
        return BusKind.SPI;
    }

    /** The GPIO of this chip select line. */
    public int chipSelectGpio() {
        return (bus == 0 ? GpioHeader.SPI0_CHIP_SELECTS : GpioHeader.SPI1_CHIP_SELECTS).get(chipSelect);
    }

    @Override
    public List<PinClaim> pins() {
        String owner = "spi" + bus;
        List<Integer> shared = bus == 0 ? GpioHeader.SPI0_PINS : GpioHeader.SPI1_PINS;
        return List.of(
                new PinClaim(shared.get(0), owner, "MISO", Sharing.BUS),
                new PinClaim(shared.get(1), owner, "MOSI", Sharing.BUS),
                new PinClaim(shared.get(2), owner, "SCLK", Sharing.BUS),
                new PinClaim(chipSelectGpio(), owner + ".ce" + chipSelect, "CE" + chipSelect, Sharing.BUS));
    }

    public static List<Violation> violations(int bus, int chipSelect, int clockHz) {
        List<Violation> out = new ArrayList<>();
        if (bus != 0 && bus != 1) {
            out.add(Violation.of("bus", bus + " is not an SPI bus on the header", "0, 1"));
        } else {
            int max = bus == 0 ? 1 : 2;
            if (chipSelect < 0 || chipSelect > max) {
                out.add(Violation.of("chip-select", chipSelect + " is not a chip select of spi" + bus, "0-" + max));
            }
        }
        if (clockHz < 10_000 || clockHz > MAX_CLOCK_HZ) {
            out.add(Violation.of("clock", clockHz + " Hz is out of range", "10kHz-32MHz"));
        }
        return out;
    }
}
