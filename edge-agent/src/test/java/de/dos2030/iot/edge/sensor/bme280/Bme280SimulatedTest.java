package de.dos2030.iot.edge.sensor.bme280;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.sample.FaultKind;
import de.dos2030.iot.edge.sensor.Rig;
import de.dos2030.iot.edge.sensor.SensorLabel;
import de.dos2030.iot.edge.sensor.SensorScheduler;
import de.dos2030.iot.edge.sensor.SimRig;
import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.EnvironmentSignal;
import de.dos2030.iot.edge.sim.chip.SimBme280;
import de.dos2030.iot.model.Quantity;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class Bme280SimulatedTest extends Bme280ContractTest {

    final ChipFaults faults = new ChipFaults();
    SimBme280 chip;

    @Override
    protected Rig createRig() {
        SimRig sim = new SimRig();
        chip = new SimBme280(sim.clock, faults, EnvironmentSignal.constant(420, 21.5, 45.0, 1001.3));
        sim.buses.attach(WHERE, chip);
        return sim;
    }

    @Test
    void compensatesBoschsWorkedExample() {
        // BMP280 datasheet 3.12: adc_T 519888 -> 25.08 degC, adc_P 415148 -> 100653.27 Pa (same formulas as BME280).
        var m = Bme280Driver.compensate(SimBme280.TYPICAL, 519888, 415148, 0x6000);
        assertThat(m.temperatureC()).isEqualTo(25.08);
        assertThat(m.pressureHpa()).isCloseTo(1006.5327, offset(0.0005));
        assertThat(SimBme280.TYPICAL.tFine(519888)).isEqualTo(128422);
    }

    @Test
    void calibrationBytesRoundTripIncludingTheSplitH4AndH5() {
        var c = new Bme280Calibration(1, -2, 3, 4, -5, 6, -7, 8, -9, 10, -11, 12, 75, -362, 7, -313, 1234, -30);
        byte[][] bytes = c.encode();
        assertThat(Bme280Calibration.decode(bytes[0], bytes[1])).isEqualTo(c);
    }

    @Test
    void readsTheExampleRawValuesThroughTheRegisters() throws Exception {
        chip.rawValues(519888, 415148, 0x6000);
        scheduler.add(bus(), createSensor(rig));
        rig.run(scheduler, Duration.ofSeconds(1));
        assertThat(recorder.of(ID, Quantity.TEMPERATURE))
                .singleElement()
                .extracting(s -> s.value())
                .isEqualTo(25.08);
        assertThat(recorder.of(ID, Quantity.AIR_PRESSURE).get(0).value()).isCloseTo(1006.5327, offset(0.0005));
    }

    @Test
    void measuresTheSimulatedAirInForcedMode() throws Exception {
        scheduler.add(bus(), createSensor(rig));
        rig.run(scheduler, Duration.ofSeconds(11));
        assertThat(recorder.of(ID, Quantity.TEMPERATURE))
                .hasSize(3)
                .allSatisfy(s -> assertThat(s.value()).isCloseTo(21.5, offset(0.011)));
        assertThat(recorder.of(ID, Quantity.AIR_PRESSURE).get(0).value()).isCloseTo(1001.3, offset(0.01));
        assertThat(recorder.of(ID, Quantity.RELATIVE_HUMIDITY).get(0).value()).isCloseTo(45.0, offset(0.01));
    }

    @Test
    void namesABmp280MountedInsteadOfABme280() throws Exception {
        SimRig other = new SimRig();
        other.buses.attach(
                WHERE,
                new SimBme280(
                        other.clock,
                        new ChipFaults(),
                        EnvironmentSignal.constant(0, 20, 50, 1000),
                        SimBme280.TYPICAL,
                        Bme280Constants.CHIP_ID_BMP280));
        var s = new SensorScheduler(other.clock, recorder);
        s.add(
                bus(),
                new Bme280Sensor(
                        new Bme280Driver(
                                de.dos2030.iot.edge.port.RegisterDevice.over(other.buses.i2c(WHERE)),
                                SensorLabel.on("BME280", ID, WHERE)),
                        Duration.ofSeconds(5)));
        other.run(s, Duration.ofSeconds(1));
        assertThat(recorder.faults).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FaultKind.WRONG_ID);
            assertThat(f.message())
                    .isEqualTo("BME280 'room-1.env' at i2c-1 0x76 reports chip id 0x58, expected 0x60: "
                            + "this is a BMP280 (no humidity): mount a BME280 or change the driver");
        });
    }

    @Test
    void reportsSkipSentinelsAsInvalidValues() throws Exception {
        chip.rawValues(519888, 0x80000, 0x8000);
        scheduler.add(bus(), createSensor(rig));
        rig.run(scheduler, Duration.ofSeconds(1));
        assertThat(recorder.of(ID, Quantity.TEMPERATURE)).hasSize(1);
        assertThat(recorder.of(ID, Quantity.AIR_PRESSURE)).isEmpty();
        assertThat(recorder.of(ID, Quantity.RELATIVE_HUMIDITY)).isEmpty();
        assertThat(recorder.faults).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FaultKind.INVALID_VALUE);
            assertThat(f.message()).contains("skipped-measurement sentinel for pressure (0x80000) humidity (0x8000)");
        });
    }

    @Test
    void reportsANonAnsweringSensorAtTheSecondaryAddress() throws Exception {
        var at = new de.dos2030.iot.edge.port.BusAddress.I2c(
                1, Driver.BME280.i2cAddresses().get(1));
        scheduler.add(
                bus(),
                new Bme280Sensor(
                        new Bme280Driver(
                                de.dos2030.iot.edge.port.RegisterDevice.over(
                                        rig.buses().i2c(at)),
                                SensorLabel.on("BME280", ID, at)),
                        Duration.ofSeconds(5)));
        rig.run(scheduler, Duration.ofSeconds(1));
        assertThat(recorder.faults)
                .singleElement()
                .extracting(f -> f.message())
                .isEqualTo("BME280 'room-1.env' did not answer at i2c-1 0x77: check SDA/SCL wiring and 3.3 V power");
    }
}
