package de.dos2030.iot.edge.sensor.scl3300;

import de.dos2030.iot.edge.sensor.HardwareRig;
import de.dos2030.iot.edge.sensor.Rig;
import org.junit.jupiter.api.Tag;

@Tag("hardware")
class Scl3300HardwareTest extends Scl3300ContractTest {
    @Override
    protected Rig createRig() {
        return HardwareRig.requireSpi(0, 0);
    }
}
