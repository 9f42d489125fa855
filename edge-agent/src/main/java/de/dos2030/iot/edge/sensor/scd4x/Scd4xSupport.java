package de.dos2030.iot.edge.sensor.scd4x;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sim.chip.SimScd4x;
import de.dos2030.iot.edge.source.ChipSupport;
import de.dos2030.iot.edge.source.ChipWiring;
import de.dos2030.iot.edge.source.SimulatedChipSite;

/** SCD41 in the chip catalogue: low-power periodic measurement when sampled every 30 s or slower. */
public final class Scd4xSupport implements ChipSupport {

    /** The SCD41's variant nibble in {@link Scd4xConstants#GET_SENSOR_VARIANT}'s answer. */
    private static final int SCD41_VARIANT = 1;

    @Override
    public Driver driver() {
        return Driver.SCD41;
    }

    @Override
    public String probeHint() {
        return "SCD4x";
    }

    @Override
    public Acquisition open(ChipWiring wiring) throws BusException {
        return new Scd4xSensor(
                new Scd4xDriver(wiring.i2c(), wiring.label()),
                new Scd4xSensor.Settings(
                        "SCD41",
                        wiring.period().compareTo(Scd4xConstants.LOW_POWER_INTERVAL) >= 0
                                ? Scd4xSensor.Mode.LOW_POWER
                                : Scd4xSensor.Mode.PERIODIC,
                        false,
                        wiring.config().calibration().temperatureOffset(),
                        wiring.altitudeM()));
    }

    @Override
    public void simulate(SimulatedChipSite site) {
        long serial = 0x7E31_0000_0000L | (site.seed() & 0xFFFF_FFFFL);
        site.attach(new SimScd4x(site.clock(), site.faults(), site.i2c(), site.air(), serial, SCD41_VARIANT));
    }
}
