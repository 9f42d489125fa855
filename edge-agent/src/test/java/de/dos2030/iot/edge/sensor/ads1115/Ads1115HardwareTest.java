package de.dos2030.iot.edge.sensor.ads1115;

import de.dos2030.iot.edge.sensor.HardwareRig;
import de.dos2030.iot.edge.sensor.Rig;
import org.junit.jupiter.api.Tag;

@Tag("hardware")
class Ads1115HardwareTest extends Ads1115ContractTest {
    @Override
    protected Rig createRig() {
        return HardwareRig.requireI2c(1);
    }
}
