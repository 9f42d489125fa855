package de.dos2030.iot.edge.sensor.scl3300;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sensor.Axis;
import de.dos2030.iot.edge.sim.chip.SimScl3300;
import de.dos2030.iot.edge.source.ChipSupport;
import de.dos2030.iot.edge.source.ChipWiring;
import de.dos2030.iot.edge.source.SimulatedChipSite;

/** SCL3300 in the chip catalogue (SPI only): the X inclination once per sample interval. */
public final class Scl3300Support implements ChipSupport {

    @Override
    public Driver driver() {
        return Driver.SCL3300;
    }

    @Override
    public String probeHint() {
        return "SCL3300"; // SPI only: never found by an I2C scan
    }

    @Override
    public Acquisition open(ChipWiring wiring) throws BusException {
        return new Scl3300Sensor(
                new Scl3300Driver(wiring.spi(Scl3300Constants.SPI_MODE), wiring.label()), Axis.X, wiring.period());
    }

    @Override
    public void simulate(SimulatedChipSite site) {
        site.attach(new SimScl3300(site.clock(), site.faults(), site.bridge().inclinometer()));
    }
}
