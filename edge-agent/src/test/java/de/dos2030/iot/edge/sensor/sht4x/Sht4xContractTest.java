package de.dos2030.iot.edge.sensor.sht4x;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sensor.AcquisitionContract;
import de.dos2030.iot.edge.sensor.Rig;
import de.dos2030.iot.edge.sensor.SensorLabel;
import java.time.Duration;

/** SHT41 at the usual address, on whichever rig the subclass picks. */
abstract class Sht4xContractTest extends AcquisitionContract {

    static final BusAddress.I2c WHERE =
            new BusAddress.I2c(1, Driver.SHT4X.i2cAddresses().get(0));
    static final String ID = "room-1.rh";

    @Override
    protected Acquisition createSensor(Rig rig) throws BusException {
        return new Sht4xSensor(
                new Sht4xDriver(rig.buses().i2c(WHERE), SensorLabel.on("SHT41", ID, WHERE)), Duration.ofSeconds(2));
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
