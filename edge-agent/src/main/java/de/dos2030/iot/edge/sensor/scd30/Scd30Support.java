package de.dos2030.iot.edge.sensor.scd30;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sim.chip.SimScd30;
import de.dos2030.iot.edge.source.ChipSupport;
import de.dos2030.iot.edge.source.ChipWiring;
import de.dos2030.iot.edge.source.SimulatedChipSite;

/** SCD30 in the chip catalogue: its measurement interval is the sample interval in whole seconds (at least 2). */
public final class Scd30Support implements ChipSupport {

    @Override
    public Driver driver() {
        return Driver.SCD30;
    }

    @Override
    public String probeHint() {
        return "SCD30";
    }

    @Override
    public Acquisition open(ChipWiring wiring) throws BusException {
        int intervalS = (int) Math.max(
                Scd30Constants.MIN_INTERVAL_S, Math.round(wiring.period().toMillis() / 1000.0));
        return new Scd30Sensor(
                new Scd30Driver(wiring.i2c(), wiring.label()),
                new Scd30Sensor.Settings(
                        intervalS, wiring.config().calibration().temperatureOffset(), wiring.altitudeM()));
    }

    @Override
    public void simulate(SimulatedChipSite site) {
        site.attach(new SimScd30(site.clock(), site.faults(), site.i2c(), site.air()));
    }
}
