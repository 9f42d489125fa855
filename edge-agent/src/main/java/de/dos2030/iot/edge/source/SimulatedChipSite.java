package de.dos2030.iot.edge.source;

import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.SpiRegisterFormat;
import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.EnvironmentSignal;
import de.dos2030.iot.edge.sim.SimI2cChip;
import de.dos2030.iot.edge.sim.SimSpiChip;
import de.dos2030.iot.edge.sim.SimulatedBusFactory;
import de.dos2030.iot.edge.sim.model.BridgeModel;
import java.time.Clock;
import java.util.Optional;

/**
 * Where a {@link SimulatedWorld} wants a simulated chip and what the chip senses there: the
 * sensor's scenario (room air, or a bridge), its clock, its injectable faults and its seed. A
 * {@link ChipSupport} builds its simulated chip from these and attaches it here.
 */
public final class SimulatedChipSite {

    private final SensorConfig config;
    private final BusAddress where;
    private final Clock clock;
    private final ChipFaults faults;
    private final long seed;
    private final EnvironmentSignal air;
    private final Optional<BridgeModel> bridge;
    private final SimulatedBusFactory buses;

    SimulatedChipSite(
            SensorConfig config,
            BusAddress where,
            Clock clock,
            ChipFaults faults,
            long seed,
            EnvironmentSignal air,
            Optional<BridgeModel> bridge,
            SimulatedBusFactory buses) {
        this.config = config;
        this.where = where;
        this.clock = clock;
        this.faults = faults;
        this.seed = seed;
        this.air = air;
        this.bridge = bridge;
        this.buses = buses;
    }

    public SensorConfig config() {
        return config;
    }

    /** The I2C address, for chips that only speak I2C (the configuration checks the bus). */
    public BusAddress.I2c i2c() {
        return (BusAddress.I2c) where;
    }

    public Clock clock() {
        return clock;
    }

    public ChipFaults faults() {
        return faults;
    }

    /** The scenario's seed: chips derive their serial numbers from it. */
    public long seed() {
        return seed;
    }

    /** The air around the chip: the classroom's (time-lapsed if asked), or the bridge's weather. */
    public EnvironmentSignal air() {
        return air;
    }

    /** @throws IllegalArgumentException if the sensor's scenario is not a bridge */
    public BridgeModel bridge() {
        return bridge.orElseThrow(() -> new IllegalArgumentException(
                config.id() + ": a " + config.driver().chipName() + " needs a bridge scenario"));
    }

    /** Attaches an I2C-only chip. */
    public void attach(SimI2cChip chip) {
        buses.attach(i2c(), chip);
    }

    /** Attaches a register chip on whichever bus the site is: I2C, or SPI in the chip's first-byte format. */
    public void attach(SimI2cChip chip, SpiRegisterFormat spiFormat) {
        if (where instanceof BusAddress.I2c i2c) buses.attach(i2c, chip);
        else buses.attach((BusAddress.Spi) where, chip, spiFormat);
    }

    /** Attaches an SPI-only chip. */
    public void attach(SimSpiChip chip) {
        buses.attach((BusAddress.Spi) where, chip);
    }
}
