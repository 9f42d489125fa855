package de.dos2030.iot.edge.sensor.ads1115;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sensor.AcquisitionContract;
import de.dos2030.iot.edge.sensor.Rig;
import de.dos2030.iot.edge.sensor.SensorLabel;
import java.time.Duration;

/** ADS1115 at the usual address, on whichever rig the subclass picks. */
abstract class Ads1115ContractTest extends AcquisitionContract {

    static final BusAddress.I2c WHERE =
            new BusAddress.I2c(1, Driver.ADS1115.i2cAddresses().get(0));
    static final String ID = "girder.strain";
    static final Ads1115Sensor.Settings SETTINGS =
            new Ads1115Sensor.Settings(2.0, 3.3, 0.0, 0.256, 128, Duration.ofMillis(100));

    @Override
    protected Acquisition createSensor(Rig rig) throws BusException {
        return new Ads1115Sensor(
                new Ads1115Driver(rig.buses().i2c(WHERE), SensorLabel.on("ADS1115", ID, WHERE)), SETTINGS);
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
