package de.dos2030.iot.edge.sensor.scd30;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.sample.FaultKind;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sensor.Rig;
import de.dos2030.iot.edge.sensor.SensorException;
import de.dos2030.iot.edge.sensor.SensorLabel;
import de.dos2030.iot.edge.sensor.SensorScheduler;
import de.dos2030.iot.edge.sensor.SimRig;
import de.dos2030.iot.edge.sensor.sensirion.SensirionFrames;
import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.EnvironmentSignal;
import de.dos2030.iot.edge.sim.chip.SimScd30;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Scd30SimulatedTest extends Scd30ContractTest {

    static final EnvironmentSignal AIR = EnvironmentSignal.constant(500, 25.0, 37.0, 1013.25);

    final ChipFaults faults = new ChipFaults(3);
    SimScd30 chip;

    @Override
    protected Rig createRig() {
        SimRig sim = new SimRig();
        chip = new SimScd30(sim.clock, faults, WHERE, AIR);
        sim.buses.attach(WHERE, chip);
        return sim;
    }

    SimRig sim() {
        return (SimRig) rig;
    }

    @Test
    void decodesTheInterfaceDescriptionExampleFloats() throws Exception {
        // Interface description, read_measurement example: 439 ppm, 27.2 degC, 48.8 %RH, with their CRCs.
        byte[] wire = {
            0x43,
            (byte) 0xDB,
            (byte) 0xCB,
            (byte) 0x8C,
            0x2E,
            (byte) 0x8F,
            0x41,
            (byte) 0xD9,
            0x70,
            (byte) 0xE7,
            (byte) 0xFF,
            (byte) 0xF5,
            0x42,
            0x43,
            (byte) 0xBF,
            0x3A,
            0x1B,
            0x74
        };
        int[] w = SensirionFrames.decodeWords(wire, SensorLabel.on("SCD30", ID, WHERE), "read_measurement");
        assertThat(Scd30Constants.floatOf(w[0], w[1])).isCloseTo(439.095f, offset(0.001f));
        assertThat(Scd30Constants.floatOf(w[2], w[3])).isCloseTo(27.238f, offset(0.001f));
        assertThat(Scd30Constants.floatOf(w[4], w[5])).isCloseTo(48.807f, offset(0.001f));
    }

    @Test
    void readsFloatsThroughTheChipProtocolEveryInterval() throws Exception {
        var sensor = createSensor(rig);
        scheduler.add(bus(), sensor);
        rig.run(scheduler, Duration.ofMillis(1900));
        assertThat(recorder.samples).as("nothing before the first 2 s interval").isEmpty();
        rig.run(scheduler, Duration.ofMillis(4200));
        assertThat(sensor.identity()).contains("firmware 3.66");
        assertThat(recorder.of(ID, Quantity.CO2))
                .hasSize(3)
                .extracting(Sample::value)
                .containsOnly(500.0);
        assertThat(recorder.of(ID, Quantity.TEMPERATURE).get(0).value()).isCloseTo(25.0, offset(1e-5));
        assertThat(recorder.of(ID, Quantity.RELATIVE_HUMIDITY).get(0).value()).isCloseTo(37.0, offset(1e-5));
        assertThat(recorder.faults).isEmpty();
    }

    @Test
    void bringsIntervalOffsetAndAltitudeToTheConfigurationAndWritesTheFlashOnlyWhenTheyDiffer() throws Exception {
        var settings = new Scd30Sensor.Settings(5, Optional.of(1.5), Optional.of(1000));
        EnvironmentSignal highUp =
                EnvironmentSignal.constant(500, 25.0, 37.0, 898.75); // the standard atmosphere at 1000 m
        SimRig other = new SimRig();
        SimScd30 alpine = new SimScd30(other.clock, new ChipFaults(), WHERE, highUp).selfHeating(1.5);
        other.buses.attach(WHERE, alpine);
        var s = new SensorScheduler(other.clock, recorder);
        s.add(
                bus(),
                new Scd30Sensor(new Scd30Driver(other.buses.i2c(WHERE), SensorLabel.on("SCD30", ID, WHERE)), settings));
        other.run(s, Duration.ofSeconds(11));
        assertThat(alpine.intervalS()).isEqualTo(5);
        assertThat(alpine.temperatureOffsetC()).isEqualTo(1.5);
        assertThat(alpine.altitudeM()).isEqualTo(1000);
        assertThat(alpine.nonVolatileWrites()).isEqualTo(3);
        assertThat(recorder.of(ID, Quantity.CO2))
                .hasSize(2)
                .allSatisfy(c -> assertThat(c.value()).isCloseTo(500.0, offset(0.1)));
        assertThat(recorder.of(ID, Quantity.TEMPERATURE).get(0).value()).isCloseTo(25.0, offset(1e-4));

        // A restart (a loose cable) finds the values in place and does not write them again.
        alpine.faults().disconnect();
        other.run(s, Duration.ofSeconds(6));
        alpine.faults().reconnect();
        other.run(s, Duration.ofSeconds(20));
        assertThat(recorder.recovered).containsExactly(ID);
        assertThat(alpine.nonVolatileWrites()).isEqualTo(3);
    }

    @Test
    void withoutAltitudeTheChipUnderReadsCo2HighUp() throws Exception {
        SimRig other = new SimRig();
        other.buses.attach(
                WHERE,
                new SimScd30(other.clock, new ChipFaults(), WHERE, EnvironmentSignal.constant(500, 25, 37, 898.75)));
        var s = new SensorScheduler(other.clock, recorder);
        s.add(
                bus(),
                new Scd30Sensor(
                        new Scd30Driver(other.buses.i2c(WHERE), SensorLabel.on("SCD30", ID, WHERE)),
                        Scd30Sensor.Settings.every(2)));
        other.run(s, Duration.ofSeconds(3));
        assertThat(recorder.of(ID, Quantity.CO2).get(0).value()).isCloseTo(500 * 898.75 / 1013.25, offset(0.1));
    }

    @Test
    void refusesSettingsTheChipCannotTake() {
        assertThatThrownBy(() -> Scd30Sensor.Settings.every(1)).hasMessageContaining("outside the SCD30's 2-1800 s");
        assertThatThrownBy(() -> new Scd30Sensor.Settings(2, Optional.of(-1.0), Optional.empty()))
                .hasMessageContaining("can only subtract self-heating");
    }

    @Test
    void reportsANonAnsweringSensorWithWiringAdvice() throws Exception {
        faults.disconnect();
        scheduler.add(bus(), createSensor(rig));
        rig.run(scheduler, Duration.ofSeconds(10));
        assertThat(recorder.faults).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FaultKind.NO_ANSWER);
            assertThat(f.message())
                    .isEqualTo("SCD30 'room-2.co2' did not answer at i2c-3 0x61: check SDA/SCL wiring and 3.3 V power");
        });
        assertThat(recorder.samples).isEmpty();
    }

    @Test
    void refusesAChipWithAnotherFirmwareMajorVersion() throws Exception {
        SimRig other = new SimRig();
        other.buses.attach(WHERE, new SimScd30(other.clock, new ChipFaults(), WHERE, AIR, 0x0142));
        var s = new SensorScheduler(other.clock, recorder);
        s.add(
                bus(),
                new Scd30Sensor(
                        new Scd30Driver(other.buses.i2c(WHERE), SensorLabel.on("SCD30", ID, WHERE)),
                        Scd30Sensor.Settings.every(2)));
        other.run(s, Duration.ofSeconds(1));
        assertThat(recorder.faults).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FaultKind.WRONG_ID);
            assertThat(f.message())
                    .isEqualTo(
                            "SCD30 'room-2.co2' at i2c-3 0x61 reports firmware version 1.66, expected 3.x: "
                                    + "another chip answers at this address: check the wiring and the driver in the configuration");
        });
    }

    @Test
    void dropsAMeasurementWithABadCrcAndKeepsMeasuring() throws Exception {
        scheduler.add(bus(), createSensor(rig));
        rig.run(scheduler, Duration.ofMillis(2100));
        assertThat(recorder.of(ID, Quantity.CO2)).hasSize(1);
        chip.faults().corruptNextCrcs(1);
        // the next response is the data-ready status: the sensor starts again and goes on
        rig.run(scheduler, Duration.ofSeconds(8));
        assertThat(recorder.faults).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FaultKind.CRC_MISMATCH);
            assertThat(f.message())
                    .startsWith("SCD30 'room-2.co2' at i2c-3 0x61: CRC mismatch in get_data_ready word 0");
        });
        assertThat(recorder.of(ID, Quantity.CO2))
                .hasSizeGreaterThanOrEqualTo(3)
                .extracting(Sample::value)
                .containsOnly(500.0);
    }

    @Test
    void flagsAZeroOrNanCo2AsSensorFaultButKeepsTemperature() throws Exception {
        chip.reportCo2(Float.NaN);
        scheduler.add(bus(), createSensor(rig));
        rig.run(scheduler, Duration.ofMillis(2100));
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
            assertThat(f.message())
                    .isEqualTo("SCD30 'room-2.co2' at i2c-3 0x61 returned an invalid value: "
                            + "CO2 = NaN ppm (the sensor is not measuring CO2 correctly)");
        });
        chip.reportCo2(0f);
        rig.run(scheduler, Duration.ofSeconds(2));
        assertThat(recorder.of(ID, Quantity.CO2)).extracting(Sample::quality).containsOnly(Quality.SENSOR_FAULT);
        assertThat(recorder.recovered)
                .as("the frame's good temperature is no recovery")
                .isEmpty();
        chip.reportCo2(null);
        rig.run(scheduler, Duration.ofSeconds(2));
        assertThat(recorder.recovered).containsExactly(ID);
    }

    @Test
    void needsAStopBetweenCommandAndRead() throws Exception {
        var device = rig.buses().i2c(WHERE);
        assertThatThrownBy(() ->
                        device.writeRead(SensirionFrames.command(Scd30Constants.READ_FIRMWARE_VERSION), new byte[3]))
                .isInstanceOf(BusException.class)
                .hasMessageContaining("does not support a repeated start");
    }

    @Test
    void stretchesTheClockWhileMeasuringWhichTheHardwareBusCannotWaitFor() throws Exception {
        SimRig pi = new SimRig();
        BusAddress.I2c
                hardware = new BusAddress.I2c(1, Driver.SCD30.i2cAddresses().get(0)),
                software = WHERE;
        pi.buses.attach(hardware, new SimScd30(pi.clock, new ChipFaults(), hardware, AIR));
        pi.buses.attach(software, new SimScd30(pi.clock, new ChipFaults(), software, AIR));
        Scd30Driver onHardware = new Scd30Driver(pi.buses.i2c(hardware), SensorLabel.on("SCD30", "a", hardware));
        Scd30Driver onSoftware = new Scd30Driver(pi.buses.i2c(software), SensorLabel.on("SCD30", "b", software));
        onHardware.send(Scd30Constants.START_CONTINUOUS_MEASUREMENT, 0);
        onSoftware.send(Scd30Constants.START_CONTINUOUS_MEASUREMENT, 0);
        pi.clock.advance(Duration.ofMillis(1900)); // 100 ms before the first result: the chip is measuring
        assertThatThrownBy(() -> onHardware.send(Scd30Constants.GET_DATA_READY))
                .isInstanceOfSatisfying(
                        SensorException.class, e -> assertThat(e.kind()).isEqualTo(FaultKind.TIMEOUT))
                .hasMessage("SCD30 'a' at i2c-1 0x61: bus transaction timed out (i2c-1 0x61: clock stretched 100 ms, "
                        + "controller timeout 35 ms: put this chip on a software i2c-gpio bus (dtoverlay=i2c-gpio))");
        onSoftware.send(Scd30Constants.GET_DATA_READY);
        pi.clock.advance(Scd30Constants.COMMAND_TIME);
        assertThat(onSoftware.readDataReady()).isFalse();
    }
}
