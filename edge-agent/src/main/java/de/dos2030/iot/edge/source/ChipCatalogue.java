package de.dos2030.iot.edge.source;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.sensor.ads1115.Ads1115Support;
import de.dos2030.iot.edge.sensor.adxl345.Adxl345Support;
import de.dos2030.iot.edge.sensor.adxl355.Adxl355Support;
import de.dos2030.iot.edge.sensor.bme280.Bme280Support;
import de.dos2030.iot.edge.sensor.scd30.Scd30Support;
import de.dos2030.iot.edge.sensor.scd4x.Scd4xSupport;
import de.dos2030.iot.edge.sensor.scl3300.Scl3300Support;
import de.dos2030.iot.edge.sensor.sht3x.Sht3xSupport;
import de.dos2030.iot.edge.sensor.sht4x.Sht4xSupport;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The chips this agent version supports: one {@link ChipSupport} per chip package. Adding a chip
 * is its package plus one entry here; {@code ChipCatalogueTest} fails for a configuration driver
 * without one.
 */
public final class ChipCatalogue {

    /** In probe's order: where chips share an address, the first named is the likelier one. */
    private static final List<ChipSupport> CHIPS = List.of(
            new Scd4xSupport(),
            new Scd30Support(),
            new Sht3xSupport(),
            new Sht4xSupport(),
            new Bme280Support(),
            new Adxl355Support(),
            new Adxl345Support(),
            new Scl3300Support(),
            new Ads1115Support());

    private ChipCatalogue() {}

    public static List<ChipSupport> all() {
        return CHIPS;
    }

    /** The entry for a configured driver; empty if this agent version has no implementation of it. */
    public static Optional<ChipSupport> of(Driver driver) {
        return CHIPS.stream().filter(c -> c.driver() == driver).findFirst();
    }

    /** Chips that answer at an I2C address, for a device nobody configured: {@code SHT3x/SHT4x?}. */
    public static String likelyChipAt(int address) {
        String names = CHIPS.stream()
                .filter(c -> c.i2cAddresses().contains(address))
                .map(ChipSupport::probeHint)
                .distinct()
                .collect(Collectors.joining("/"));
        return names.isEmpty() ? "unknown device" : names + "?";
    }
}
