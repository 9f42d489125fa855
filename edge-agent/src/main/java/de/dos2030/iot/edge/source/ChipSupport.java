package de.dos2030.iot.edge.source;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.sensor.Acquisition;
import java.util.List;

/**
 * Everything the agent knows about one chip, in one place: its name in the configuration and the
 * I2C addresses it answers at (both firmware-config's {@link Driver}, which validates them), what
 * {@code probe} calls a device found at one of those addresses, how its driver is opened from a
 * configured sensor, and which simulated chip stands in for it. One implementation per chip
 * package ({@code edge.sensor.<chip>}), listed once in {@link ChipCatalogue}.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface ChipSupport {

    /** The configuration's driver this entry implements. */
    Driver driver();

    /**
     * What probe calls an unconfigured device answering at one of {@link #i2cAddresses()}, e.g.
     * {@code BME280/BMP280} (a BMP280 answers there too).
     */
    String probeHint();

    /** The I2C addresses the chip can be strapped to: defined once, by the configuration model. */
    default List<Integer> i2cAddresses() {
        return driver().i2cAddresses();
    }

    /**
     * The chip's driver and state machine on the buses of {@code wiring}.
     *
     * @throws BusException             if the bus device cannot be opened
     * @throws IllegalArgumentException for a setting or calibration the chip cannot take
     */
    Acquisition open(ChipWiring wiring) throws BusException;

    /**
     * Attaches the simulated chip for {@code site}'s sensor where the site says.
     *
     * @throws IllegalArgumentException if the scenario has nothing for this chip to measure
     */
    void simulate(SimulatedChipSite site);
}
