package de.dos2030.iot.edge.bench;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.RegisterDevice;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sample.SensorFault;
import de.dos2030.iot.edge.sample.SensorListener;
import de.dos2030.iot.edge.sensor.Axis;
import de.dos2030.iot.edge.sensor.SensorLabel;
import de.dos2030.iot.edge.sensor.SensorScheduler;
import de.dos2030.iot.edge.sensor.adxl355.Adxl355Driver;
import de.dos2030.iot.edge.sensor.adxl355.Adxl355Sensor;
import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.SimulatedBusFactory;
import de.dos2030.iot.edge.sim.VirtualClock;
import de.dos2030.iot.edge.sim.chip.SimAdxl355;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sustained rate one ADXL355 on FIFO reads keeps up with: the full acquisition (scheduler,
 * FIFO drains every 8 sets (a quarter of the FIFO), time reconstruction, Sample objects to a listener) streaming one
 * second of chip time per operation, fed by a sine (the signal model's cost is left out). The score in samples per second of CPU is the ceiling
 * the agent's own work sets; overruns would show up as faults, which are counted and must stay 0.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class Adxl355SustainedRateBenchmark {

    /** Output data rate of the chip. */
    @Param({"500", "4000"})
    public int odrHz;

    VirtualClock clock;
    SensorScheduler scheduler;
    long samples;
    long faults;

    @Setup(Level.Trial)
    public void setUp() {
        clock = new VirtualClock(Instant.parse("2025-03-10T08:00:00Z"));
        SimulatedBusFactory buses = new SimulatedBusFactory();
        BusAddress.I2c at = new BusAddress.I2c(3, Driver.ADXL355.i2cAddresses().get(0));
        // A 3.2 Hz sine rather than the bridge model, so the figure is the agent's cost, not the physics'.
        Instant t0 = clock.instant();
        buses.attach(
                at,
                new SimAdxl355(
                        clock,
                        new ChipFaults(),
                        (t, xyz) -> {
                            double s = Duration.between(t0, t).toNanos() / 1e9;
                            xyz[0] = 0;
                            xyz[1] = 0;
                            xyz[2] = 1 + 0.002 * Math.sin(2 * Math.PI * 3.2 * s);
                        },
                        () -> 12));
        scheduler = new SensorScheduler(clock, new SensorListener() {
            @Override
            public void sample(Sample s) {
                samples++;
            }

            @Override
            public void fault(SensorFault f) {
                faults++;
            }
        });
        scheduler.add(
                "i2c-3",
                new Adxl355Sensor(
                        new Adxl355Driver(RegisterDevice.over(buses.i2c(at)), SensorLabel.on("ADXL355", "deck", at)),
                        new Adxl355Sensor.Settings(Axis.Z, 2, odrHz)));
    }

    /** One second of chip time; the score times odrHz is samples per CPU second. */
    @Benchmark
    public long streamOneSecond() {
        scheduler.runUntil(clock.instant().plus(Duration.ofSeconds(1)), clock::setInstant);
        if (faults > 0) throw new IllegalStateException(faults + " faults (FIFO overrun?) while streaming");
        return samples;
    }
}
