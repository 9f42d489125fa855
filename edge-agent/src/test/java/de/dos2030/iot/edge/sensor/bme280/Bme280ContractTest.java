package de.dos2030.iot.edge.sensor.bme280;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sensor.AcquisitionContract;
import de.dos2030.iot.edge.sensor.Rig;
import de.dos2030.iot.edge.sensor.SensorLabel;
import java.time.Duration;

/** BME280 at the usual address, on whichever rig the subclass picks. */
abstract class Bme280ContractTest extends AcquisitionContract {

    static final BusAddress.I2c WHERE =
            new BusAddress.I2c(1, Driver.BME280.i2cAddresses().get(0));
    static final String ID = "room-1.env";

    @Override
    protected Acquisition createSensor(Rig rig) throws BusException {
        return new Bme280Sensor(
                new Bme280Driver(
                        de.dos2030.iot.edge.port.RegisterDevice.over(rig.buses().i2c(WHERE)),
                        SensorLabel.on("BME280", ID, WHERE)),
                Duration.ofSeconds(5));
    }

    @Override
    protected String bus() {
        return "i2c-1";
    }

    @Override
    protected Duration runTime() {
        return Duration.ofSeconds(16);
    }
}
