package de.dos2030.iot.edge.sensor.sht4x;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sim.chip.SimSht4x;
import de.dos2030.iot.edge.source.ChipSupport;
import de.dos2030.iot.edge.source.ChipWiring;
import de.dos2030.iot.edge.source.SimulatedChipSite;

/** SHT4x in the chip catalogue: one single-shot measurement per sample interval. */
public final class Sht4xSupport implements ChipSupport {

    @Override
    public Driver driver() {
        return Driver.SHT4X;
    }

    @Override
    public String probeHint() {
        return "SHT4x";
    }

    @Override
    public Acquisition open(ChipWiring wiring) throws BusException {
        return new Sht4xSensor(new Sht4xDriver(wiring.i2c(), wiring.label()), wiring.period());
    }

    @Override
    public void simulate(SimulatedChipSite site) {
        long serial = 0x1F00_0000L | (site.seed() & 0xFFFFFF);
        site.attach(new SimSht4x(site.clock(), site.faults(), site.i2c(), site.air(), serial));
    }
}
