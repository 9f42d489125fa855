package de.dos2030.iot.edge.sensor.scd4x;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sensor.AcquisitionContract;
import de.dos2030.iot.edge.sensor.Rig;
import de.dos2030.iot.edge.sensor.SensorLabel;
import java.time.Duration;

/** SCD41 at i2c-1 0x62, on whichever rig the subclass picks. */
abstract class Scd4xContractTest extends AcquisitionContract {

    static final BusAddress.I2c WHERE =
            new BusAddress.I2c(1, Driver.SCD41.i2cAddresses().get(0));
    static final String ID = "room-1.co2";

    @Override
    protected Acquisition createSensor(Rig rig) throws BusException {
        return new Scd4xSensor(
                new Scd4xDriver(rig.buses().i2c(WHERE), SensorLabel.on("SCD41", ID, WHERE)),
                Scd4xSensor.Settings.defaults());
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
