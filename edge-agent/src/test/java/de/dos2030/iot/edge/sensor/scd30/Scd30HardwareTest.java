package de.dos2030.iot.edge.sensor.scd30;

import de.dos2030.iot.edge.sensor.HardwareRig;
import de.dos2030.iot.edge.sensor.Rig;
import org.junit.jupiter.api.Tag;

@Tag("hardware")
class Scd30HardwareTest extends Scd30ContractTest {
    @Override
    protected Rig createRig() {
        return HardwareRig.requireI2c(3);
    }
}
