package de.dos2030.iot.edge.sensor.scd30;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sensor.AcquisitionContract;
import de.dos2030.iot.edge.sensor.Rig;
import de.dos2030.iot.edge.sensor.SensorLabel;
import java.time.Duration;

/** SCD30 at 0x61 on the software i2c-gpio bus 3 (it stretches the clock too long for i2c-1), on whichever rig the subclass picks. */
abstract class Scd30ContractTest extends AcquisitionContract {

    static final BusAddress.I2c WHERE =
            new BusAddress.I2c(3, Driver.SCD30.i2cAddresses().get(0));
    static final String ID = "room-2.co2";

    @Override
    protected Acquisition createSensor(Rig rig) throws BusException {
        return new Scd30Sensor(
                new Scd30Driver(rig.buses().i2c(WHERE), SensorLabel.on("SCD30", ID, WHERE)),
                Scd30Sensor.Settings.every(2));
    }

    @Override
    protected String bus() {
        return "i2c-3";
    }

    @Override
    protected Duration runTime() {
        return Duration.ofSeconds(7);
    }
}
