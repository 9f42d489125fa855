package de.dos2030.iot.edge.sensor.sht3x;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sensor.AcquisitionContract;
import de.dos2030.iot.edge.sensor.Rig;
import de.dos2030.iot.edge.sensor.SensorLabel;
import java.time.Duration;

/** SHT31 at its usual address, on whichever rig the subclass picks. */
abstract class Sht3xContractTest extends AcquisitionContract {

    static final BusAddress.I2c WHERE =
            new BusAddress.I2c(1, Driver.SHT3X.i2cAddresses().get(0));
    static final String ID = "box.rh";

    @Override
    protected Acquisition createSensor(Rig rig) throws BusException {
        return new Sht3xSensor(
                new Sht3xDriver(rig.buses().i2c(WHERE), SensorLabel.on("SHT3x", ID, WHERE)), Duration.ofSeconds(2));
    }

    @Override
    protected String bus() {
        return "i2c-1";
    }

    @Override
    protected Duration runTime() {
        return Duration.ofSeconds(7);
    }
}
