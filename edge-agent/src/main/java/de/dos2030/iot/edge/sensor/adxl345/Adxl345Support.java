package de.dos2030.iot.edge.sensor.adxl345;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.port.SpiRegisterFormat;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sensor.Axis;
import de.dos2030.iot.edge.sim.chip.SimAdxl345;
import de.dos2030.iot.edge.source.ChipSupport;
import de.dos2030.iot.edge.source.ChipWiring;
import de.dos2030.iot.edge.source.SimulatedChipSite;

/** ADXL345 in the chip catalogue, on I2C or SPI: vertical (Z) acceleration at the configured rate, ±2 g. */
public final class Adxl345Support implements ChipSupport {

    @Override
    public Driver driver() {
        return Driver.ADXL345;
    }

    @Override
    public String probeHint() {
        return "ADXL345";
    }

    @Override
    public Acquisition open(ChipWiring wiring) throws BusException {
        return new Adxl345Sensor(
                new Adxl345Driver(
                        wiring.registers(SpiRegisterFormat.ADXL345, Adxl345Constants.SPI_MODE), wiring.label()),
                new Adxl345Sensor.Settings(Axis.Z, 2, wiring.hertz()));
    }

    @Override
    public void simulate(SimulatedChipSite site) {
        site.attach(
                new SimAdxl345(site.clock(), site.faults(), site.bridge().accelerometer()), SpiRegisterFormat.ADXL345);
    }
}
