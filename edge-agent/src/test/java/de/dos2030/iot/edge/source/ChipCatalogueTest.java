package de.dos2030.iot.edge.source;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.model.Driver;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChipCatalogueTest {

    /** Drivers the configuration knows that this agent version deliberately has no chip support for. */
    static final Set<Driver> NOT_IMPLEMENTED = EnumSet.of(Driver.HX711); // GPIO-wired: no bus to open

    @Test
    void everyDriverOfTheConfigurationModelHasACatalogueEntry() {
        Set<Driver> missing = Arrays.stream(Driver.values())
                .filter(d -> ChipCatalogue.of(d).isEmpty())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Driver.class)));
        assertThat(missing)
                .as("drivers without a ChipSupport in ChipCatalogue (add the chip's entry to the list)")
                .isEqualTo(NOT_IMPLEMENTED);
    }

    @Test
    void listsEachDriverOnce() {
        assertThat(ChipCatalogue.all())
                .extracting(ChipSupport::driver)
                .doesNotHaveDuplicates()
                .hasSize(Driver.values().length - NOT_IMPLEMENTED.size());
    }

    @Test
    void takesEachChipsAddressesFromTheConfigurationModel() {
        assertThat(ChipCatalogue.all())
                .allSatisfy(
                        c -> assertThat(c.i2cAddresses()).isEqualTo(c.driver().i2cAddresses()));
    }

    @Test
    void namesTheChipsThatAnswerAtAnAddressForProbe() {
        assertThat(ChipCatalogue.likelyChipAt(0x62)).isEqualTo("SCD4x?");
        assertThat(ChipCatalogue.likelyChipAt(0x61)).isEqualTo("SCD30?");
        assertThat(ChipCatalogue.likelyChipAt(0x44)).isEqualTo("SHT3x/SHT4x?");
        assertThat(ChipCatalogue.likelyChipAt(0x46)).isEqualTo("SHT4x?");
        assertThat(ChipCatalogue.likelyChipAt(0x77)).isEqualTo("BME280/BMP280?");
        assertThat(ChipCatalogue.likelyChipAt(0x1D)).isEqualTo("ADXL355/ADXL345?");
        assertThat(ChipCatalogue.likelyChipAt(0x4B)).isEqualTo("ADS1115?");
        assertThat(ChipCatalogue.likelyChipAt(0x10)).isEqualTo("unknown device");
    }
}
