package de.dos2030.iot.edge.sensor.ads1115;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.sample.FaultKind;
import de.dos2030.iot.edge.sensor.Rig;
import de.dos2030.iot.edge.sensor.SensorLabel;
import de.dos2030.iot.edge.sensor.SimRig;
import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.EnvironmentSignal;
import de.dos2030.iot.edge.sim.chip.SimAds1115;
import de.dos2030.iot.edge.sim.chip.SimBme280;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class Ads1115SimulatedTest extends Ads1115ContractTest {

    /** Bridge output for 500 um/m at GF 2.0 and 3.3 V: 500e-6 * 2.0 * 3.3 / 4 = 0.825 mV. */
    double volts = 0.825e-3;

    @Override
    protected Rig createRig() {
        SimRig sim = new SimRig();
        sim.buses.attach(WHERE, new SimAds1115(sim.clock, new ChipFaults(), t -> volts));
        return sim;
    }

    @Test
    void convertsWithTheQuarterBridgeFormula() {
        assertThat(Ads1115Driver.strainMicro(0.825e-3, 0, 2.0, 3.3)).isCloseTo(500.0, offset(1e-9));
        assertThat(Ads1115Driver.strainMicro(1.0e-3, 0.175e-3, 2.0, 3.3)).isCloseTo(500.0, offset(1e-9));
        assertThat(Ads1115Constants.singleShotConfig(5, 4)).isEqualTo(0x0B83);
    }

    @Test
    void measuresStrainWithinOneLsb() throws Exception {
        scheduler.add(bus(), createSensor(rig));
        rig.run(scheduler, Duration.ofSeconds(1));
        double lsbStrain = Ads1115Driver.strainMicro(0.256 / 32768, 0, 2.0, 3.3);
        assertThat(recorder.of(ID, Quantity.STRAIN))
                .hasSize(10)
                .allSatisfy(s -> assertThat(s.value()).isCloseTo(500.0, offset(lsbStrain / 2 + 1e-9)));
    }

    @Test
    void flagsASaturatedInputAsOutOfRange() throws Exception {
        volts = 0.5; // an open gauge pulls the input to a rail
        scheduler.add(bus(), createSensor(rig));
        rig.run(scheduler, Duration.ofMillis(500));
        assertThat(recorder.of(ID, Quantity.STRAIN))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.quality()).isEqualTo(Quality.OUT_OF_RANGE));
        assertThat(recorder.faults).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FaultKind.INVALID_VALUE);
            assertThat(f.message()).contains("input at the +-0.256 V rail (32767)");
        });
    }

    @Test
    void recognisesAnotherChipByTheConfigReadBack() throws Exception {
        SimRig other = new SimRig();
        other.buses.attach(
                WHERE, new SimBme280(other.clock, new ChipFaults(), EnvironmentSignal.constant(0, 20, 50, 1000)));
        var s = new de.dos2030.iot.edge.sensor.SensorScheduler(other.clock, recorder);
        s.add(
                bus(),
                new Ads1115Sensor(
                        new Ads1115Driver(other.buses.i2c(WHERE), SensorLabel.on("ADS1115", ID, WHERE)), SETTINGS));
        other.run(s, Duration.ofMillis(100));
        assertThat(recorder.faults).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FaultKind.WRONG_ID);
            assertThat(f.message()).startsWith("ADS1115 'girder.strain' at i2c-1 0x48 reports config read-back");
        });
    }

    @Test
    void reportsANonAnsweringAdc() throws Exception {
        var at = new de.dos2030.iot.edge.port.BusAddress.I2c(
                1, Driver.ADS1115.i2cAddresses().get(1));
        scheduler.add(
                bus(),
                new Ads1115Sensor(new Ads1115Driver(rig.buses().i2c(at), SensorLabel.on("ADS1115", ID, at)), SETTINGS));
        rig.run(scheduler, Duration.ofMillis(100));
        assertThat(recorder.faults)
                .singleElement()
                .extracting(f -> f.message())
                .isEqualTo(
                        "ADS1115 'girder.strain' did not answer at i2c-1 0x49: check SDA/SCL wiring and 3.3 V power");
    }
}
