package de.dos2030.iot.edge.sensor.adxl355;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sensor.AcquisitionContract;
import de.dos2030.iot.edge.sensor.Axis;
import de.dos2030.iot.edge.sensor.Rig;
import de.dos2030.iot.edge.sensor.SensorLabel;
import java.time.Duration;

/** ADXL355 at the usual address, on whichever rig the subclass picks. */
abstract class Adxl355ContractTest extends AcquisitionContract {

    static final BusAddress.I2c WHERE =
            new BusAddress.I2c(1, Driver.ADXL355.i2cAddresses().get(0));
    static final String ID = "deck.acc";

    @Override
    protected Acquisition createSensor(Rig rig) throws BusException {
        return new Adxl355Sensor(
                new Adxl355Driver(
                        de.dos2030.iot.edge.port.RegisterDevice.over(rig.buses().i2c(WHERE)),
                        SensorLabel.on("ADXL355", ID, WHERE)),
                new Adxl355Sensor.Settings(Axis.Z, 2, 250));
    }

    @Override
    protected String bus() {
        return "i2c-1";
    }

    @Override
    protected Duration runTime() {
        return Duration.ofSeconds(2);
    }
}
