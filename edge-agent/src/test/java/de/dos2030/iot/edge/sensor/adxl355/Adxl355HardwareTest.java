package de.dos2030.iot.edge.sensor.adxl355;

import de.dos2030.iot.edge.sensor.HardwareRig;
import de.dos2030.iot.edge.sensor.Rig;
import org.junit.jupiter.api.Tag;

@Tag("hardware")
class Adxl355HardwareTest extends Adxl355ContractTest {
    @Override
    protected Rig createRig() {
        return HardwareRig.requireI2c(1);
    }
}
