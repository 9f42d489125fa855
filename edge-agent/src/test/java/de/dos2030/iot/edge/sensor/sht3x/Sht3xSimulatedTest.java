package de.dos2030.iot.edge.sensor.sht3x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import de.dos2030.iot.edge.sample.FaultKind;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sensor.Rig;
import de.dos2030.iot.edge.sensor.SimRig;
import de.dos2030.iot.edge.sensor.sensirion.SensirionFrames;
import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.EnvironmentSignal;
import de.dos2030.iot.edge.sim.chip.SimSht3x;
import de.dos2030.iot.model.Quantity;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class Sht3xSimulatedTest extends Sht3xContractTest {

    final ChipFaults faults = new ChipFaults(5);

    @Override
    protected Rig createRig() {
        SimRig sim = new SimRig();
        sim.buses.attach(
                WHERE,
                new SimSht3x(sim.clock, faults, WHERE, EnvironmentSignal.constant(420, 21.5, 48.0, 1013), 0x1234ABCDL));
        return sim;
    }

    @Test
    void convertsRawWordsWithTheDatasheetFormulas() {
        assertThat(Sht3xConstants.temperatureC(0x6666)).isCloseTo(25.0, offset(0.01));
        assertThat(Sht3xConstants.temperatureC(0)).isEqualTo(-45.0);
        assertThat(Sht3xConstants.humidityPercent(0xFFFF)).isEqualTo(100.0);
        assertThat(Sht3xConstants.humidityPercent(0x8000)).isCloseTo(50.0, offset(0.001));
    }

    @Test
    void measuresThroughTheSingleShotCommandWithItsSerialAsIdentity() throws Exception {
        var sensor = createSensor(rig);
        scheduler.add(bus(), sensor);
        rig.run(scheduler, Duration.ofSeconds(7));
        assertThat(sensor.identity()).contains("serial 0x1234ABCD");
        assertThat(recorder.of(ID, Quantity.TEMPERATURE))
                .hasSize(4)
                .allSatisfy(s -> assertThat(s.value()).isCloseTo(21.5, offset(0.002)));
        assertThat(recorder.of(ID, Quantity.RELATIVE_HUMIDITY))
                .hasSize(4)
                .allSatisfy(s -> assertThat(s.value()).isCloseTo(48.0, offset(0.001)));
    }

    @Test
    void readingBeforeTheConversionEndsIsRefusedAsTheChipNacks() throws Exception {
        var device = rig.buses().i2c(WHERE);
        device.write(SensirionFrames.command(Sht3xConstants.MEASURE_HIGH_REPEATABILITY));
        ((SimRig) rig).clock.advance(Duration.ofMillis(10));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> device.read(new byte[6]))
                .hasMessageContaining("NACK");
        ((SimRig) rig).clock.advance(Duration.ofMillis(6));
        byte[] data = new byte[6];
        device.read(data);
        assertThat(SensirionFrames.decodeWords(
                        data, de.dos2030.iot.edge.sensor.SensorLabel.on("SHT3x", ID, WHERE), "m"))
                .hasSize(2);
    }

    @Test
    void reportsANonAnsweringSensor() throws Exception {
        faults.disconnect();
        scheduler.add(bus(), createSensor(rig));
        rig.run(scheduler, Duration.ofSeconds(5));
        assertThat(recorder.faults).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FaultKind.NO_ANSWER);
            assertThat(f.message())
                    .isEqualTo("SHT3x 'box.rh' did not answer at i2c-1 0x44: check SDA/SCL wiring and 3.3 V power");
        });
    }

    @Test
    void dropsAReadingWithABadCrcAndKeepsMeasuring() throws Exception {
        scheduler.add(bus(), createSensor(rig));
        rig.run(scheduler, Duration.ofMillis(100));
        faults.corruptNextCrcs(1);
        rig.run(scheduler, Duration.ofSeconds(6));
        assertThat(recorder.faults).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FaultKind.CRC_MISMATCH);
            assertThat(f.message()).contains("CRC mismatch in measure_single_shot word 0");
        });
        assertThat(recorder.of(ID, Quantity.TEMPERATURE))
                .hasSize(3)
                .extracting(Sample::value)
                .allSatisfy(v -> assertThat(v).isCloseTo(21.5, offset(0.002)));
    }
}
