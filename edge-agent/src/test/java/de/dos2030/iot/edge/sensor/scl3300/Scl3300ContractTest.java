package de.dos2030.iot.edge.sensor.scl3300;

import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sensor.AcquisitionContract;
import de.dos2030.iot.edge.sensor.Axis;
import de.dos2030.iot.edge.sensor.Rig;
import de.dos2030.iot.edge.sensor.SensorLabel;
import java.time.Duration;

/** SCL3300 at the usual address, on whichever rig the subclass picks. */
abstract class Scl3300ContractTest extends AcquisitionContract {

    static final BusAddress.Spi WHERE = new BusAddress.Spi(0, 0);
    static final String ID = "pier-2.tilt";

    @Override
    protected Acquisition createSensor(Rig rig) throws BusException {
        return new Scl3300Sensor(
                new Scl3300Driver(
                        rig.buses().spi(WHERE, Scl3300Constants.SPI_CLOCK_HZ, Scl3300Constants.SPI_MODE),
                        SensorLabel.on("SCL3300", ID, WHERE)),
                Axis.X,
                Duration.ofMillis(100));
    }

    @Override
    protected String bus() {
        return "spi-0.0";
    }

    @Override
    protected Duration runTime() {
        return Duration.ofSeconds(2);
    }
}
