package de.dos2030.iot.edge.sensor.adxl355;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.port.SpiRegisterFormat;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sensor.Axis;
import de.dos2030.iot.edge.sim.chip.SimAdxl355;
import de.dos2030.iot.edge.sim.model.BridgeModel;
import de.dos2030.iot.edge.source.ChipSupport;
import de.dos2030.iot.edge.source.ChipWiring;
import de.dos2030.iot.edge.source.SimulatedChipSite;

/** ADXL355 in the chip catalogue, on I2C or SPI: vertical (Z) acceleration at the configured rate, ±2 g. */
public final class Adxl355Support implements ChipSupport {

    @Override
    public Driver driver() {
        return Driver.ADXL355;
    }

    @Override
    public String probeHint() {
        return "ADXL355";
    }

    @Override
    public Acquisition open(ChipWiring wiring) throws BusException {
        return new Adxl355Sensor(
                new Adxl355Driver(
                        wiring.registers(SpiRegisterFormat.ADXL355, Adxl355Constants.SPI_MODE), wiring.label()),
                new Adxl355Sensor.Settings(Axis.Z, 2, wiring.hertz()));
    }

    @Override
    public void simulate(SimulatedChipSite site) {
        BridgeModel bridge = site.bridge();
        site.attach(
                new SimAdxl355(
                        site.clock(),
                        site.faults(),
                        bridge.accelerometer(),
                        () -> bridge.airTemperatureC(site.clock().instant())),
                SpiRegisterFormat.ADXL355);
    }
}
