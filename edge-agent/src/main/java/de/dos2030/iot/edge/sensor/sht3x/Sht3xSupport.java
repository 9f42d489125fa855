package de.dos2030.iot.edge.sensor.sht3x;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sim.chip.SimSht3x;
import de.dos2030.iot.edge.source.ChipSupport;
import de.dos2030.iot.edge.source.ChipWiring;
import de.dos2030.iot.edge.source.SimulatedChipSite;

/** SHT3x in the chip catalogue: one single-shot measurement per sample interval. */
public final class Sht3xSupport implements ChipSupport {

    @Override
    public Driver driver() {
        return Driver.SHT3X;
    }

    @Override
    public String probeHint() {
        return "SHT3x";
    }

    @Override
    public Acquisition open(ChipWiring wiring) throws BusException {
        return new Sht3xSensor(new Sht3xDriver(wiring.i2c(), wiring.label()), wiring.period());
    }

    @Override
    public void simulate(SimulatedChipSite site) {
        long serial = 0x3A00_0000L | (site.seed() & 0xFFFFFF);
        site.attach(new SimSht3x(site.clock(), site.faults(), site.i2c(), site.air(), serial));
    }
}
