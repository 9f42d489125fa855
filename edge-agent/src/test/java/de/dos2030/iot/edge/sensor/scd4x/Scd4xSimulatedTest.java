package de.dos2030.iot.edge.sensor.scd4x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.sample.FaultKind;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sensor.Rig;
import de.dos2030.iot.edge.sensor.SensorLabel;
import de.dos2030.iot.edge.sensor.SensorScheduler;
import de.dos2030.iot.edge.sensor.SimRig;
import de.dos2030.iot.edge.sensor.sensirion.SensirionFrames;
import de.dos2030.iot.edge.sensor.sht4x.Sht4xDriver;
import de.dos2030.iot.edge.sensor.sht4x.Sht4xSensor;
import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.EnvironmentSignal;
import de.dos2030.iot.edge.sim.chip.SimScd4x;
import de.dos2030.iot.edge.sim.chip.SimSht4x;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Scd4xSimulatedTest extends Scd4xContractTest {

    /** Datasheet example (read_measurement): 0x01F4 = 500 ppm, 0x6667 = 25.0 degC, 0x5EB9 = 37 %RH. */
    static final EnvironmentSignal DATASHEET_AIR = EnvironmentSignal.constant(500, 25.0, 37.0, 1013.25);

    final ChipFaults faults = new ChipFaults(7);
    SimScd4x chip;

    @Override
    protected Rig createRig() {
        SimRig sim = new SimRig();
        chip = new SimScd4x(sim.clock, faults, WHERE, DATASHEET_AIR, 0x1A2B_3C4D_5E6FL, 1);
        sim.buses.attach(WHERE, chip);
        return sim;
    }

    @Test
    void convertsTheDatasheetExampleWords() {
        assertThat(Scd4xConstants.temperatureC(0x6667)).isCloseTo(25.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(Scd4xConstants.humidityPercent(0x5EB9)).isCloseTo(37.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void readsCo2TemperatureAndHumidityThroughTheChipProtocol() throws Exception {
        var sensor = createSensor(rig);
        scheduler.add(bus(), sensor);
        rig.run(scheduler, runTime());
        assertThat(sensor.identity()).contains("SCD41 serial 0x1A2B3C4D5E6F");
        assertThat(recorder.of(ID, Quantity.CO2)).extracting(Sample::value).containsOnly(500.0);
        assertThat(recorder.of(ID, Quantity.TEMPERATURE).get(0).value())
                .isCloseTo(25.0, org.assertj.core.data.Offset.offset(0.003));
        assertThat(recorder.of(ID, Quantity.RELATIVE_HUMIDITY).get(0).value())
                .isCloseTo(37.0, org.assertj.core.data.Offset.offset(0.002));
    }

    @Test
    void deliversTheFirstSampleOnlyAfterFiveSecondsOfPeriodicMeasurement() throws Exception {
        scheduler.add(bus(), createSensor(rig));
        rig.run(scheduler, Duration.ofMillis(5400));
        assertThat(recorder.of(ID)).isEmpty();
        rig.run(scheduler, Duration.ofMillis(700));
        assertThat(recorder.of(ID, Quantity.CO2)).hasSize(1);
        assertThat(recorder.of(ID, Quantity.CO2).get(0).timestamp()).isAfterOrEqualTo(SimRig.START.plusMillis(5500));
    }

    @Test
    void reportsANonAnsweringSensorWithWiringAdvice() throws Exception {
        faults.disconnect();
        scheduler.add(bus(), createSensor(rig));
        rig.run(scheduler, Duration.ofSeconds(10));
        assertThat(recorder.faults).hasSize(1); // retried with back-off, not repeated
        assertThat(recorder.faults.get(0).kind()).isEqualTo(FaultKind.NO_ANSWER);
        assertThat(recorder.faults.get(0).message())
                .isEqualTo("SCD41 'room-1.co2' did not answer at i2c-1 0x62: check SDA/SCL wiring and 3.3 V power");
        assertThat(recorder.samples).isEmpty();
    }

    @Test
    void recoversWhenTheSensorAnswersAgain() throws Exception {
        faults.disconnect();
        scheduler.add(bus(), createSensor(rig));
        rig.run(scheduler, Duration.ofSeconds(5));
        faults.reconnect();
        rig.run(scheduler, Duration.ofSeconds(75));
        assertThat(recorder.recovered).containsExactly(ID);
        assertThat(recorder.of(ID, Quantity.CO2)).isNotEmpty();
    }

    @Test
    void refusesAnScd40WhereAnScd41IsConfigured() throws Exception {
        SimRig other = new SimRig();
        BusAddress.I2c at = new BusAddress.I2c(1, Driver.SCD41.i2cAddresses().get(0));
        other.buses.attach(at, new SimScd4x(other.clock, new ChipFaults(), at, DATASHEET_AIR, 1L, 0));
        var sensor = new Scd4xSensor(
                new Scd4xDriver(other.buses.i2c(at), SensorLabel.on("SCD41", ID, at)), Scd4xSensor.Settings.defaults());
        var s = new de.dos2030.iot.edge.sensor.SensorScheduler(other.clock, recorder);
        s.add("i2c-1", sensor);
        other.run(s, Duration.ofSeconds(3));
        assertThat(recorder.faults.get(0).kind()).isEqualTo(FaultKind.WRONG_ID);
        assertThat(recorder.faults.get(0).message()).contains("reports variant SCD40, expected SCD41");
    }

    @Test
    void dropsAMeasurementWithABadCrcAndKeepsMeasuring() throws Exception {
        scheduler.add(bus(), createSensor(rig));
        rig.run(scheduler, Duration.ofMillis(5600)); // start-up and the first measurement
        faults.corruptNextCrcs(2); // the next two responses: a data-ready status and a retry
        rig.run(scheduler, Duration.ofSeconds(20));
        assertThat(recorder.faults).extracting(f -> f.kind()).contains(FaultKind.CRC_MISMATCH);
        assertThat(recorder.faults.get(0).message()).contains("CRC mismatch in get_data_ready_status word 0");
        assertThat(recorder.of(ID, Quantity.CO2))
                .hasSizeGreaterThanOrEqualTo(3)
                .extracting(Sample::value)
                .containsOnly(500.0);
    }

    @Test
    void flagsCo2OfZeroAsSensorFaultButKeepsTemperature() throws Exception {
        chip.reportZeroCo2(true);
        scheduler.add(bus(), createSensor(rig));
        rig.run(scheduler, Duration.ofSeconds(6));
        assertThat(recorder.of(ID, Quantity.CO2))
                .singleElement()
                .extracting(Sample::quality)
                .isEqualTo(Quality.SENSOR_FAULT);
        assertThat(recorder.of(ID, Quantity.TEMPERATURE))
                .singleElement()
                .extracting(Sample::quality)
                .isEqualTo(Quality.OK);
        assertThat(recorder.faults).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FaultKind.INVALID_VALUE);
            assertThat(f.message()).contains("CO2 = 0 ppm");
        });
    }

    @Test
    void reportsAFailedSelfTest() throws Exception {
        faults.failSelfTest(true);
        var sensor = new Scd4xSensor(
                new Scd4xDriver(rig.buses().i2c(WHERE), SensorLabel.on("SCD41", ID, WHERE)),
                new Scd4xSensor.Settings("SCD41", Scd4xSensor.Mode.PERIODIC, true));
        scheduler.add(bus(), sensor);
        rig.run(scheduler, Duration.ofSeconds(12));
        assertThat(recorder.faults).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FaultKind.SELF_TEST_FAILED);
            assertThat(f.message()).startsWith("SCD41 'room-1.co2' at i2c-1 0x62 failed its self-test");
        });
        assertThat(recorder.samples).isEmpty();
    }

    @Test
    void aDeadCo2SensorDoesNotStopTheHumiditySensorOnTheSameBus() throws Exception {
        BusAddress.I2c shtAt = new BusAddress.I2c(1, Driver.SHT4X.i2cAddresses().get(0));
        ((SimRig) rig).buses.attach(shtAt, new SimSht4x(rig.clock(), new ChipFaults(), shtAt, DATASHEET_AIR, 0xCAFE));
        faults.disconnect();
        scheduler.add(bus(), createSensor(rig));
        scheduler.add(
                bus(),
                new Sht4xSensor(
                        new Sht4xDriver(rig.buses().i2c(shtAt), SensorLabel.on("SHT41", "room-1.rh", shtAt)),
                        Duration.ofSeconds(1)));
        rig.run(scheduler, Duration.ofSeconds(30));
        assertThat(recorder.faultsOf(ID)).isNotEmpty();
        assertThat(recorder.faultsOf("room-1.rh")).isEmpty();
        assertThat(recorder.of("room-1.rh", Quantity.RELATIVE_HUMIDITY)).hasSizeGreaterThanOrEqualTo(29);
    }

    @Test
    void encodesTheDatasheetExamplesForOffsetAndAltitude() {
        // set_temperature_offset 5.4 degC: 0x241D 0x07E6 0x48; set_sensor_altitude 1950 m: 0x2427 0x079E 0x09
        assertThat(SensirionFrames.command(
                        Scd4xConstants.SET_TEMPERATURE_OFFSET, Scd4xConstants.temperatureOffsetWord(5.4)))
                .containsExactly(0x24, 0x1D, 0x07, 0xE6, 0x48);
        assertThat(SensirionFrames.command(Scd4xConstants.SET_SENSOR_ALTITUDE, 1950))
                .containsExactly(0x24, 0x27, 0x07, 0x9E, 0x09);
    }

    @Test
    void sendsTheConfiguredTemperatureOffsetAndAltitudeBeforeStarting() throws Exception {
        SimRig alpine = new SimRig();
        // A chip in a warm enclosure (6 degC self-heating) in a school at 1000 m (898.75 hPa, the standard atmosphere
        // there).
        SimScd4x warm = new SimScd4x(
                        alpine.clock,
                        new ChipFaults(),
                        WHERE,
                        EnvironmentSignal.constant(500, 25.0, 37.0, 898.75),
                        1L,
                        1)
                .selfHeating(6.0);
        alpine.buses.attach(WHERE, warm);
        var settings = new Scd4xSensor.Settings(
                "SCD41", Scd4xSensor.Mode.PERIODIC, false, Optional.of(6.0), Optional.of(1000));
        var s = new SensorScheduler(alpine.clock, recorder);
        s.add(
                bus(),
                new Scd4xSensor(
                        new Scd4xDriver(alpine.buses.i2c(WHERE), SensorLabel.on("SCD41", ID, WHERE)), settings));
        alpine.run(s, Duration.ofSeconds(11));
        assertThat(warm.temperatureOffsetC()).isCloseTo(6.0, offset(0.002));
        assertThat(warm.altitudeM()).isEqualTo(1000);
        assertThat(recorder.faults).isEmpty();
        assertThat(recorder.of(ID, Quantity.TEMPERATURE))
                .hasSize(2)
                .allSatisfy(t -> assertThat(t.value()).isCloseTo(25.0, offset(0.005)));
        assertThat(recorder.of(ID, Quantity.CO2)).extracting(Sample::value).containsOnly(500.0);
    }

    @Test
    void withoutCalibrationTheChipKeepsItsDefaultsAndReadsHighUpAndWarmWrong() throws Exception {
        SimRig alpine = new SimRig();
        SimScd4x warm = new SimScd4x(
                        alpine.clock,
                        new ChipFaults(),
                        WHERE,
                        EnvironmentSignal.constant(500, 25.0, 37.0, 898.75),
                        1L,
                        1)
                .selfHeating(6.0);
        alpine.buses.attach(WHERE, warm);
        var s = new SensorScheduler(alpine.clock, recorder);
        s.add(
                bus(),
                new Scd4xSensor(
                        new Scd4xDriver(alpine.buses.i2c(WHERE), SensorLabel.on("SCD41", ID, WHERE)),
                        Scd4xSensor.Settings.defaults()));
        alpine.run(s, Duration.ofSeconds(6));
        assertThat(warm.temperatureOffsetC()).isCloseTo(4.0, offset(0.002));
        assertThat(recorder.of(ID, Quantity.TEMPERATURE).get(0).value()).isCloseTo(27.0, offset(0.005));
        assertThat(recorder.of(ID, Quantity.CO2).get(0).value()).isEqualTo(Math.round(500 * 898.75 / 1013.25));
    }

    @Test
    void refusesAnOffsetOrAltitudeTheChipCannotTake() {
        assertThatThrownBy(() -> new Scd4xSensor.Settings(
                        "SCD41", Scd4xSensor.Mode.PERIODIC, false, Optional.of(-2.0), Optional.empty()))
                .hasMessageContaining("can only subtract self-heating");
        assertThatThrownBy(() -> new Scd4xSensor.Settings(
                        "SCD41", Scd4xSensor.Mode.PERIODIC, false, Optional.empty(), Optional.of(3500)))
                .hasMessageContaining("outside the SCD4x's 0-3000 m");
    }
}
