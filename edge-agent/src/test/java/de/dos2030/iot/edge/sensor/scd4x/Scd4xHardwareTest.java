package de.dos2030.iot.edge.sensor.scd4x;

import de.dos2030.iot.edge.sensor.HardwareRig;
import de.dos2030.iot.edge.sensor.Rig;
import org.junit.jupiter.api.Tag;

@Tag("hardware")
class Scd4xHardwareTest extends Scd4xContractTest {
    @Override
    protected Rig createRig() {
        return HardwareRig.requireI2c(1);
    }
}
