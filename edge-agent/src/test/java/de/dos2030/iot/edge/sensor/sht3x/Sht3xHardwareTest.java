package de.dos2030.iot.edge.sensor.sht3x;

import de.dos2030.iot.edge.sensor.HardwareRig;
import de.dos2030.iot.edge.sensor.Rig;
import org.junit.jupiter.api.Tag;

@Tag("hardware")
class Sht3xHardwareTest extends Sht3xContractTest {
    @Override
    protected Rig createRig() {
        return HardwareRig.requireI2c(1);
    }
}
