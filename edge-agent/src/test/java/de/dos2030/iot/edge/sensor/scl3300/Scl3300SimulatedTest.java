package de.dos2030.iot.edge.sensor.scl3300;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import de.dos2030.iot.edge.sample.FaultKind;
import de.dos2030.iot.edge.sensor.Rig;
import de.dos2030.iot.edge.sensor.SimRig;
import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.InclinationSignal;
import de.dos2030.iot.edge.sim.chip.SimScl3300;
import de.dos2030.iot.model.Quantity;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Scl3300SimulatedTest extends Scl3300ContractTest {

    final ChipFaults faults = new ChipFaults();
    SimScl3300 chip;

    @Override
    protected Rig createRig() {
        SimRig sim = new SimRig();
        chip = new SimScl3300(sim.clock, faults, InclinationSignal.constant(1.5, -0.25, 88.0));
        sim.buses.attach(WHERE, chip);
        return sim;
    }

    @ParameterizedTest
    @ValueSource(
            ints = {
                0x040000F7,
                0x240000C7,
                0x280000CD,
                0x2C0000CB,
                0x180000E5,
                0x40000091,
                0xB4002098,
                0xB400001F,
                0xB4000338,
                0xB0001F6F
            })
    void computesTheDatasheetFrameCrcs(int frame) {
        assertThat(Scl3300Crc.of(frame)).isEqualTo(frame & 0xFF);
    }

    @Test
    void readsAnglesInInclinationModeAfterTheStartUpSequence() throws Exception {
        var sensor = createSensor(rig);
        scheduler.add(bus(), sensor);
        rig.run(scheduler, Duration.ofSeconds(1));
        assertThat(chip.mode()).isEqualTo(4);
        assertThat(sensor.identity()).contains("WHOAMI 0xC1");
        assertThat(recorder.of(ID, Quantity.TILT))
                .hasSizeGreaterThanOrEqualTo(8)
                .allSatisfy(s -> assertThat(s.value()).isCloseTo(1.5, offset(Scl3300Constants.DEG_PER_LSB)));
    }

    @Test
    void reportsAnEmptyChipSelectAsNotAnswering() throws Exception {
        faults.disconnect();
        scheduler.add(bus(), createSensor(rig));
        rig.run(scheduler, Duration.ofSeconds(1));
        assertThat(recorder.faults)
                .singleElement()
                .extracting(f -> f.message())
                .isEqualTo(
                        "SCL3300 'pier-2.tilt' did not answer at spi-0.0: check MOSI/MISO/SCLK/CS wiring and 3.3 V power");
    }

    @Test
    void reportsAnErrorReturnStatusAsFailedSelfTest() throws Exception {
        faults.failSelfTest(true);
        scheduler.add(bus(), createSensor(rig));
        rig.run(scheduler, Duration.ofSeconds(1));
        assertThat(recorder.faults).singleElement().extracting(f -> f.kind()).isEqualTo(FaultKind.SELF_TEST_FAILED);
        assertThat(recorder.samples).isEmpty();
    }

    @Test
    void dropsAFrameWithABadCrcAndGoesOn() throws Exception {
        scheduler.add(bus(), createSensor(rig));
        rig.run(scheduler, Duration.ofMillis(300));
        int before = recorder.samples.size();
        faults.corruptNextCrcs(2); // the first frame of a read only carries the previous answer, which is discarded
        rig.run(scheduler, Duration.ofSeconds(1));
        assertThat(recorder.faults).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FaultKind.CRC_MISMATCH);
            assertThat(f.message())
                    .contains("SCL3300 'pier-2.tilt' at spi-0.0: CRC mismatch in response to frame 0x240000C7");
        });
        assertThat(recorder.samples.size() - before).isEqualTo(9);
    }
}
