package de.dos2030.iot.edge.sensor.adxl345;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.port.RegisterDevice;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sensor.AcquisitionContract;
import de.dos2030.iot.edge.sensor.Axis;
import de.dos2030.iot.edge.sensor.Rig;
import de.dos2030.iot.edge.sensor.SensorLabel;
import java.time.Duration;

/** ADXL345 at its usual address (ALT ADDRESS low), on whichever rig the subclass picks. */
abstract class Adxl345ContractTest extends AcquisitionContract {

    static final BusAddress.I2c WHERE =
            new BusAddress.I2c(1, Driver.ADXL345.i2cAddresses().get(0));
    static final String ID = "deck.acc345";

    @Override
    protected Acquisition createSensor(Rig rig) throws BusException {
        return new Adxl345Sensor(
                new Adxl345Driver(RegisterDevice.over(rig.buses().i2c(WHERE)), SensorLabel.on("ADXL345", ID, WHERE)),
                new Adxl345Sensor.Settings(Axis.Z, 2, 200));
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
