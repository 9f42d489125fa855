package de.dos2030.iot.edge.sensor.bme280;

import de.dos2030.iot.edge.sensor.HardwareRig;
import de.dos2030.iot.edge.sensor.Rig;
import org.junit.jupiter.api.Tag;

@Tag("hardware")
class Bme280HardwareTest extends Bme280ContractTest {
    @Override
    protected Rig createRig() {
        return HardwareRig.requireI2c(1);
    }
}
