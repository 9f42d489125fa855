package de.dos2030.iot.edge.sensor.adxl355;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import de.dos2030.iot.edge.sample.FaultKind;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sensor.Rig;
import de.dos2030.iot.edge.sensor.SampleSink;
import de.dos2030.iot.edge.sensor.SensorException;
import de.dos2030.iot.edge.sensor.SensorLabel;
import de.dos2030.iot.edge.sensor.SensorScheduler;
import de.dos2030.iot.edge.sensor.SimRig;
import de.dos2030.iot.edge.sim.AccelerationSignal;
import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.chip.SimAdxl355;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Adxl355SimulatedTest extends Adxl355ContractTest {

    final ChipFaults faults = new ChipFaults();

    @Override
    protected Rig createRig() {
        SimRig sim = new SimRig();
        // z carries gravity plus a 5 Hz, 10 mg vibration: the FIFO timing has to keep its phase.
        AccelerationSignal signal = (t, xyz) -> {
            double s = (t.toEpochMilli() - SimRig.START.toEpochMilli()) / 1000.0 + t.getNano() % 1_000_000 / 1e9;
            xyz[0] = 0.001;
            xyz[1] = -0.002;
            xyz[2] = 1.0 + 0.01 * Math.sin(2 * Math.PI * 5 * s);
        };
        sim.buses.attach(WHERE, new SimAdxl355(sim.clock, faults, signal, () -> 18.0));
        return sim;
    }

    @Test
    void decodesLeftJustifiedTwentyBitDataAtTheDatasheetScale() {
        assertThat(Adxl355Constants.raw20(0x3E, 0x80, 0x00) / Adxl355Constants.lsbPerG(1))
                .isEqualTo(1.0);
        assertThat(Adxl355Constants.raw20(0xC1, 0x80, 0x00) / Adxl355Constants.lsbPerG(1))
                .isEqualTo(-1.0);
        assertThat(Adxl355Constants.raw20(0x7F, 0xFF, 0xF0)).isEqualTo(524287);
        assertThat(Adxl355Constants.temperatureC(1885)).isEqualTo(25.0);
        assertThat(Adxl355Constants.odrCodeFor(400)).isEqualTo(3); // 500 Hz: the next rate 4000/2^n above 400
    }

    @Test
    void streamsEverySampleThroughTheFifoWithReconstructedTimes() throws Exception {
        var sensor = (Adxl355Sensor) createSensor(rig);
        scheduler.add(bus(), sensor);
        rig.run(scheduler, Duration.ofSeconds(2));
        List<Sample> z = recorder.of(ID, Quantity.ACCELERATION);
        assertThat(z).hasSizeBetween(480, 500);
        for (int i = 1; i < z.size(); i++) {
            assertThat(Duration.between(z.get(i - 1).timestamp(), z.get(i).timestamp()))
                    .isEqualTo(Duration.ofMillis(4));
        }
        for (Sample s : z) {
            double t = Duration.between(SimRig.START, s.timestamp()).toNanos() / 1e9;
            assertThat(s.value()).isCloseTo(1.0 + 0.01 * Math.sin(2 * Math.PI * 5 * t), offset(1e-5));
        }
        assertThat(recorder.of(ID, Quantity.TEMPERATURE).get(0).value()).isCloseTo(18.0, offset(0.06));
        assertThat(recorder.faults).isEmpty();
    }

    @Test
    void reportsFifoOverrunWhenDrainedTooLate() throws Exception {
        var sensor = (Adxl355Sensor) createSensor(rig);
        List<SensorException> faultsSeen = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        SampleSink sink = new SampleSink() {
            @Override
            public void sample(Sample s) {
                samples.add(s);
            }

            @Override
            public void fault(SensorException e) {
                faultsSeen.add(e);
            }
        };
        SimRig sim = (SimRig) rig;
        sim.clock.advance(sensor.step(sim.clock.instant(), sink));
        sensor.step(sim.clock.instant(), sink);
        sim.clock.advance(Duration.ofSeconds(1)); // 250 sets arrive, the FIFO holds 32
        sensor.step(sim.clock.instant(), sink);
        assertThat(faultsSeen).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(FaultKind.TIMEOUT);
            assertThat(e.getMessage()).contains("FIFO overrun");
        });
        assertThat(samples.stream().filter(s -> s.quantity() == Quantity.ACCELERATION))
                .hasSize(32)
                .first()
                .extracting(Sample::quality)
                .isEqualTo(Quality.SUSPECT);
    }

    @Test
    void refusesAChipWithAnotherPartId() throws Exception {
        SimRig other = new SimRig();
        other.buses.attach(
                WHERE,
                new SimAdxl355(other.clock, new ChipFaults(), AccelerationSignal.constant(0, 0, 1), () -> 20, 0xE5));
        var s = new SensorScheduler(other.clock, recorder);
        s.add(
                bus(),
                new Adxl355Sensor(
                        new Adxl355Driver(
                                de.dos2030.iot.edge.port.RegisterDevice.over(other.buses.i2c(WHERE)),
                                SensorLabel.on("ADXL355", ID, WHERE)),
                        new Adxl355Sensor.Settings(de.dos2030.iot.edge.sensor.Axis.Z, 2, 250)));
        other.run(s, Duration.ofMillis(100));
        assertThat(recorder.faults).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FaultKind.WRONG_ID);
            assertThat(f.message())
                    .isEqualTo(
                            "ADXL355 'deck.acc' at i2c-1 0x1D reports ids 0xAD 0x1D 0xE5, expected 0xAD 0x1D 0xED: "
                                    + "another chip answers at this address: check the address (ASEL pin) in the configuration");
        });
    }

    @Test
    void reportsADisconnectAndKeepsRetrying() throws Exception {
        scheduler.add(bus(), createSensor(rig));
        rig.run(scheduler, Duration.ofMillis(500));
        faults.disconnect();
        rig.run(scheduler, Duration.ofSeconds(3));
        int before = recorder.of(ID, Quantity.ACCELERATION).size();
        assertThat(recorder.faults).singleElement().extracting(f -> f.kind()).isEqualTo(FaultKind.NO_ANSWER);
        faults.reconnect();
        rig.run(scheduler, Duration.ofSeconds(5));
        assertThat(recorder.of(ID, Quantity.ACCELERATION).size()).isGreaterThan(before + 250);
        assertThat(recorder.recovered).containsExactly(ID);
    }
}
