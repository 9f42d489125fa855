package de.dos2030.iot.edge.sensor.bme280;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.port.SpiRegisterFormat;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sim.chip.SimBme280;
import de.dos2030.iot.edge.source.ChipSupport;
import de.dos2030.iot.edge.source.ChipWiring;
import de.dos2030.iot.edge.source.SimulatedChipSite;

/** BME280 in the chip catalogue, on I2C or SPI: one forced measurement per sample interval. */
public final class Bme280Support implements ChipSupport {

    @Override
    public Driver driver() {
        return Driver.BME280;
    }

    @Override
    public String probeHint() {
        return "BME280/BMP280"; // a BMP280 (no humidity) answers at the same addresses
    }

    @Override
    public Acquisition open(ChipWiring wiring) throws BusException {
        return new Bme280Sensor(
                new Bme280Driver(wiring.registers(SpiRegisterFormat.BOSCH, Bme280Constants.SPI_MODE), wiring.label()),
                wiring.period());
    }

    @Override
    public void simulate(SimulatedChipSite site) {
        site.attach(new SimBme280(site.clock(), site.faults(), site.air()), SpiRegisterFormat.BOSCH);
    }
}
