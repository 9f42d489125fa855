package de.dos2030.iot.edge.sensor.adxl345;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.RegisterDevice;
import de.dos2030.iot.edge.port.SpiRegisterFormat;
import de.dos2030.iot.edge.sample.FaultKind;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sensor.Axis;
import de.dos2030.iot.edge.sensor.Rig;
import de.dos2030.iot.edge.sensor.SampleSink;
import de.dos2030.iot.edge.sensor.SensorException;
import de.dos2030.iot.edge.sensor.SensorLabel;
import de.dos2030.iot.edge.sensor.SensorScheduler;
import de.dos2030.iot.edge.sensor.SimRig;
import de.dos2030.iot.edge.sim.AccelerationSignal;
import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.chip.SimAdxl345;
import de.dos2030.iot.edge.sim.model.BridgeModel;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Adxl345SimulatedTest extends Adxl345ContractTest {

    final ChipFaults faults = new ChipFaults();

    /** z: gravity plus a 4 Hz, 50 mg vibration (the ADXL345's 3.9 mg steps must still trace it). */
    static double vertical(double seconds) {
        return 1.0 + 0.05 * Math.sin(2 * Math.PI * 4 * seconds);
    }

    static AccelerationSignal signal() {
        return (t, xyz) -> {
            double s = Duration.between(SimRig.START, t).toNanos() / 1e9;
            xyz[0] = 0.02;
            xyz[1] = -0.04;
            xyz[2] = vertical(s);
        };
    }

    @Override
    protected Rig createRig() {
        SimRig sim = new SimRig();
        sim.buses.attach(WHERE, new SimAdxl345(sim.clock, faults, signal()));
        return sim;
    }

    @Test
    void decodesLittleEndianFullResolutionDataAndTheDatasheetRateCodes() {
        assertThat(Adxl345Constants.raw16((byte) 0x00, (byte) 0x01) / Adxl345Constants.LSB_PER_G_FULL_RES)
                .isEqualTo(1.0);
        assertThat(Adxl345Constants.raw16((byte) 0x00, (byte) 0xFF) / Adxl345Constants.LSB_PER_G_FULL_RES)
                .isEqualTo(-1.0);
        assertThat(Adxl345Constants.raw16((byte) 0xFF, (byte) 0x0F)).isEqualTo(4095); // +-16 g full resolution: 13 bits
        assertThat(Adxl345Constants.outputDataRateHz(0x0A)).isEqualTo(100.0);
        assertThat(Adxl345Constants.outputDataRateHz(0x0D)).isEqualTo(800.0);
        assertThat(Adxl345Constants.rateCodeFor(400)).isEqualTo(0x0C);
        assertThat(Adxl345Constants.rateCodeFor(500)).isEqualTo(0x0D); // 800 Hz: the next rate above 500
        assertThat(Adxl345Constants.periodNanos(0x0A)).isEqualTo(10_000_000L);
    }

    @Test
    void streamsEverySampleThroughTheFifoWithReconstructedTimes() throws Exception {
        scheduler.add(bus(), createSensor(rig));
        rig.run(scheduler, Duration.ofSeconds(2));
        List<Sample> z = recorder.of(ID, Quantity.ACCELERATION);
        assertThat(z).hasSizeBetween(385, 400);
        for (int i = 1; i < z.size(); i++) {
            assertThat(Duration.between(z.get(i - 1).timestamp(), z.get(i).timestamp()))
                    .isEqualTo(Duration.ofMillis(5));
        }
        for (Sample s : z) {
            double t = Duration.between(SimRig.START, s.timestamp()).toNanos() / 1e9;
            assertThat(s.value()).isCloseTo(vertical(t), offset(0.5 / 256 + 1e-9)); // within half an LSB
        }
        assertThat(recorder.faults).isEmpty();
    }

    @Test
    void drainsAtMostThirtyTwoAndReportsOverrunWhenDrainedTooLate() throws Exception {
        var sensor = (Adxl345Sensor) createSensor(rig);
        List<SensorException> seen = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        SampleSink sink = new SampleSink() {
            @Override
            public void sample(Sample s) {
                samples.add(s);
            }

            @Override
            public void fault(SensorException e) {
                seen.add(e);
            }
        };
        SimRig sim = (SimRig) rig;
        sensor.step(sim.clock.instant(), sink);
        sim.clock.advance(Duration.ofSeconds(1)); // 200 samples arrive, stream mode keeps the newest 32
        sensor.step(sim.clock.instant(), sink);
        assertThat(seen).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(FaultKind.TIMEOUT);
            assertThat(e.getMessage())
                    .isEqualTo("ADXL345 'deck.acc345' at i2c-1 0x53: FIFO overrun: samples were lost; "
                            + "the bus is too slow or busy for 200.0 Hz");
        });
        assertThat(samples).hasSize(32).first().extracting(Sample::quality).isEqualTo(Quality.SUSPECT);
        double newest = Duration.between(SimRig.START, sim.clock.instant()).toNanos() / 1e9;
        assertThat(samples.get(31).value())
                .isCloseTo(vertical(newest), offset(0.5 / 256 + 1e-9)); // the newest were kept
        sim.clock.advance(sensor.drainInterval());
        sensor.step(sim.clock.instant(), sink);
        assertThat(seen).hasSize(1); // reading the data cleared the overrun
        assertThat(samples).hasSize(32 + 8); // one drain interval: a quarter of the FIFO
    }

    @Test
    void refusesAnAdxl355WithAHintToChangeTheDriver() throws Exception {
        SimRig other = new SimRig();
        other.buses.attach(
                WHERE, new SimAdxl345(other.clock, new ChipFaults(), AccelerationSignal.constant(0, 0, 1), 0xAD));
        var s = new SensorScheduler(other.clock, recorder);
        s.add(bus(), createSensor(other));
        other.run(s, Duration.ofMillis(100));
        assertThat(recorder.faults).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FaultKind.WRONG_ID);
            assertThat(f.message())
                    .isEqualTo("ADXL345 'deck.acc345' at i2c-1 0x53 reports DEVID 0xAD, expected 0xE5: "
                            + "this is an ADXL355 (DEVID_AD 0xAD): change the driver to adxl355");
        });
    }

    @Test
    void reportsADisconnectAndRecovers() throws Exception {
        scheduler.add(bus(), createSensor(rig));
        rig.run(scheduler, Duration.ofMillis(500));
        faults.disconnect();
        rig.run(scheduler, Duration.ofSeconds(3));
        int before = recorder.of(ID, Quantity.ACCELERATION).size();
        assertThat(recorder.faults).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FaultKind.NO_ANSWER);
            assertThat(f.message())
                    .isEqualTo(
                            "ADXL345 'deck.acc345' did not answer at i2c-1 0x53: check SDA/SCL wiring and 3.3 V power");
        });
        faults.reconnect();
        rig.run(scheduler, Duration.ofSeconds(5));
        assertThat(recorder.of(ID, Quantity.ACCELERATION).size()).isGreaterThan(before + 200);
        assertThat(recorder.recovered).containsExactly(ID);
    }

    @Test
    void worksOnSpiAndSaysNoAnswerWhenNothingDrivesMiso() throws Exception {
        SimRig other = new SimRig();
        BusAddress.Spi at = new BusAddress.Spi(0, 0), empty = new BusAddress.Spi(0, 1);
        other.buses.attach(at, new SimAdxl345(other.clock, new ChipFaults(), signal()), SpiRegisterFormat.ADXL345);
        var s = new SensorScheduler(other.clock, recorder);
        s.add(
                "spi-0.0",
                new Adxl345Sensor(
                        new Adxl345Driver(
                                RegisterDevice.over(other.buses.spi(at, 5_000_000, 3), SpiRegisterFormat.ADXL345),
                                SensorLabel.on("ADXL345", "spi-acc", at)),
                        new Adxl345Sensor.Settings(Axis.Z, 16, 800)));
        s.add(
                "spi-0.1",
                new Adxl345Sensor(
                        new Adxl345Driver(
                                RegisterDevice.over(other.buses.spi(empty, 5_000_000, 3), SpiRegisterFormat.ADXL345),
                                SensorLabel.on("ADXL345", "nobody", empty)),
                        new Adxl345Sensor.Settings(Axis.Z, 16, 800)));
        other.run(s, Duration.ofSeconds(1));
        assertThat(recorder.of("spi-acc", Quantity.ACCELERATION))
                .hasSizeBetween(780, 800)
                .allSatisfy(x -> assertThat(x.quality()).isEqualTo(Quality.OK));
        assertThat(recorder.faultsOf("spi-acc")).isEmpty();
        assertThat(recorder.faultsOf("nobody"))
                .singleElement()
                .extracting(f -> f.message())
                .isEqualTo(
                        "ADXL345 'nobody' did not answer at spi-0.1: check MOSI/MISO/SCLK/CS wiring and 3.3 V power");
    }

    @Test
    void carriesTheBridgeModelsVibrationAtTheChipsResolution() throws Exception {
        SimRig other = new SimRig();
        BridgeModel bridge = new BridgeModel(BridgeModel.Settings.typical(), 42, SimRig.START);
        other.buses.attach(WHERE, new SimAdxl345(other.clock, new ChipFaults(), bridge.accelerometer()));
        var s = new SensorScheduler(other.clock, recorder);
        s.add(bus(), createSensor(other));
        other.run(s, Duration.ofSeconds(5));
        List<Sample> z = recorder.of(ID, Quantity.ACCELERATION);
        assertThat(z).hasSizeGreaterThan(950);
        double[] xyz = new double[3];
        for (Sample sample : z.subList(z.size() - 100, z.size())) {
            bridge.accelerometer().accelerationG(sample.timestamp(), xyz);
            assertThat(sample.value()).isCloseTo(xyz[2], offset(0.5 / 256 + 1e-9));
        }
    }
}
