package de.dos2030.iot.edge.sensor.sht4x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import de.dos2030.iot.edge.sample.FaultKind;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sensor.Rig;
import de.dos2030.iot.edge.sensor.SimRig;
import de.dos2030.iot.edge.sensor.sensirion.SensirionCrc8;
import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.EnvironmentSignal;
import de.dos2030.iot.edge.sim.chip.SimSht4x;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class Sht4xSimulatedTest extends Sht4xContractTest {

    final ChipFaults faults = new ChipFaults(3);
    double humidity = 56.5;

    @Override
    protected Rig createRig() {
        SimRig sim = new SimRig();
        EnvironmentSignal air = new EnvironmentSignal() {
            @Override
            public double co2Ppm(java.time.Instant t) {
                return 420;
            }

            @Override
            public double temperatureC(java.time.Instant t) {
                return 25.0;
            }

            @Override
            public double relativeHumidityPercent(java.time.Instant t) {
                return humidity;
            }

            @Override
            public double pressureHpa(java.time.Instant t) {
                return 1013;
            }
        };
        sim.buses.attach(WHERE, new SimSht4x(sim.clock, faults, WHERE, air, 0x0BADBEEFL));
        return sim;
    }

    @Test
    void sensirionCrcMatchesTheDatasheetTestVector() {
        assertThat(SensirionCrc8.ofWord(0xBE, 0xEF)).isEqualTo(0x92);
    }

    @Test
    void convertsRawWordsWithTheDatasheetFormulas() {
        assertThat(Sht4xConstants.temperatureC(0x6666)).isCloseTo(25.0, offset(0.01));
        assertThat(Sht4xConstants.humidityRaw(0x8000)).isCloseTo(56.5, offset(0.01));
        assertThat(Sht4xConstants.humidityRaw(0)).isEqualTo(-6.0);
    }

    @Test
    void measuresEveryPeriodAfterTheConversionTime() throws Exception {
        var sensor = createSensor(rig);
        scheduler.add(bus(), sensor);
        rig.run(scheduler, Duration.ofSeconds(7));
        assertThat(sensor.identity()).contains("serial 0x0BADBEEF");
        var t = recorder.of(ID, Quantity.TEMPERATURE);
        assertThat(t).hasSize(4).allSatisfy(s -> assertThat(s.value()).isCloseTo(25.0, offset(0.002)));
        assertThat(recorder.of(ID, Quantity.RELATIVE_HUMIDITY).get(0).value()).isCloseTo(56.5, offset(0.002));
        assertThat(Duration.between(t.get(0).timestamp(), t.get(1).timestamp())).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void clampsHumidityAboveHundredAndFlagsIt() throws Exception {
        humidity = 104;
        scheduler.add(bus(), createSensor(rig));
        rig.run(scheduler, Duration.ofSeconds(1));
        assertThat(recorder.of(ID, Quantity.RELATIVE_HUMIDITY)).singleElement().satisfies(s -> {
            assertThat(s.value()).isEqualTo(100.0);
            assertThat(s.quality()).isEqualTo(Quality.OUT_OF_RANGE);
        });
    }

    @Test
    void reportsANonAnsweringSensor() throws Exception {
        faults.disconnect();
        scheduler.add(bus(), createSensor(rig));
        rig.run(scheduler, Duration.ofSeconds(5));
        assertThat(recorder.faults).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FaultKind.NO_ANSWER);
            assertThat(f.message())
                    .isEqualTo("SHT41 'room-1.rh' did not answer at i2c-1 0x44: check SDA/SCL wiring and 3.3 V power");
        });
    }

    @Test
    void dropsAMeasurementWithABadCrcAndGoesOn() throws Exception {
        scheduler.add(bus(), createSensor(rig));
        rig.run(scheduler, Duration.ofMillis(100));
        faults.corruptNextCrcs(1);
        rig.run(scheduler, Duration.ofSeconds(6));
        assertThat(recorder.faults).singleElement().extracting(f -> f.kind()).isEqualTo(FaultKind.CRC_MISMATCH);
        assertThat(recorder.of(ID, Quantity.TEMPERATURE))
                .hasSize(3)
                .extracting(Sample::quality)
                .containsOnly(Quality.OK);
        assertThat(recorder.recovered).containsExactly(ID);
    }
}
