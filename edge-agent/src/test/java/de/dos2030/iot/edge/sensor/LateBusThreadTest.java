package de.dos2030.iot.edge.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.RegisterDevice;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sensor.adxl355.Adxl355Driver;
import de.dos2030.iot.edge.sensor.adxl355.Adxl355Sensor;
import de.dos2030.iot.edge.sensor.scd30.Scd30Driver;
import de.dos2030.iot.edge.sensor.scd30.Scd30Sensor;
import de.dos2030.iot.edge.sensor.scd4x.Scd4xDriver;
import de.dos2030.iot.edge.sensor.scd4x.Scd4xSensor;
import de.dos2030.iot.edge.sim.AccelerationSignal;
import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.EnvironmentSignal;
import de.dos2030.iot.edge.sim.chip.SimAdxl355;
import de.dos2030.iot.edge.sim.chip.SimScd30;
import de.dos2030.iot.edge.sim.chip.SimScd4x;
import de.dos2030.iot.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A loaded machine on the virtual clock: the bus thread wakes late and a neighbour's step takes
 * time (a slow listener, a clock-stretching chip). The chips keep their own timing on the same
 * clock; a late scheduler must read what they have and never call a healthy chip dead.
 */
class LateBusThreadTest {

    private static final BusAddress.I2c SCD41_AT =
            new BusAddress.I2c(1, Driver.SCD41.i2cAddresses().get(0));
    private static final BusAddress.I2c ADXL355_AT =
            new BusAddress.I2c(1, Driver.ADXL355.i2cAddresses().get(0));
    /** On a software i2c-gpio bus: the SCD30 stretches the clock too long for i2c-1. */
    private static final BusAddress.I2c SCD30_AT =
            new BusAddress.I2c(3, Driver.SCD30.i2cAddresses().get(0));

    private final SimRig rig = new SimRig();
    private final Recorder recorder = new Recorder();
    private final Random random = new Random(7);

    /** Wakes the lane up to {@code maxLate} after the step was due, as a busy CPU would. */
    private void runLate(SensorScheduler scheduler, Duration span, Duration maxLate) {
        scheduler.runUntil(
                rig.clock.instant().plus(span),
                due -> rig.clock.setInstant(due.plusNanos((long) (random.nextDouble() * maxLate.toNanos()))));
    }

    /** A sensor on the same bus whose every step holds the bus thread for {@code busy}. */
    private Acquisition slowNeighbour(Duration every, Duration busy) {
        return new Acquisition() {
            @Override
            public SensorLabel label() {
                return SensorLabel.on("SLOW", "neighbour", SCD41_AT);
            }

            @Override
            public List<Quantity> quantities() {
                return List.of();
            }

            @Override
            public Optional<String> identity() {
                return Optional.empty();
            }

            @Override
            public void restart() {}

            @Override
            public Duration step(Instant now, SampleSink sink) {
                rig.clock.advance(busy);
                return every;
            }
        };
    }

    @Test
    void scd41KeepsMeasuringForAnHourWhenItsBusThreadRunsLateAndANeighbourIsSlow() {
        rig.buses.attach(
                SCD41_AT,
                new SimScd4x(
                        rig.clock,
                        new ChipFaults(),
                        SCD41_AT,
                        EnvironmentSignal.constant(800, 21.0, 45.0, 1013.25),
                        1L,
                        1));
        var scheduler = new SensorScheduler(rig.clock, recorder);
        scheduler.add("i2c-1", slowNeighbour(Duration.ofMillis(100), Duration.ofMillis(40)));
        scheduler.add(
                "i2c-1",
                new Scd4xSensor(
                        new Scd4xDriver(rig.buses.i2c(SCD41_AT), SensorLabel.on("SCD41", "r204-air", SCD41_AT)),
                        Scd4xSensor.Settings.defaults()));

        // A lane that woke at T and stepped the neighbour first must not read the SCD41 1 ms after T
        // when its command went out 40 ms after T: the chip is still executing and NACKs.
        runLate(scheduler, Duration.ofHours(1), Duration.ofMillis(5));

        assertThat(recorder.faults).isEmpty();
        // 720 measurements in an hour; lateness may let the chip overwrite one now and then.
        assertThat(recorder.of("r204-air", Quantity.CO2)).hasSizeGreaterThan(650);
    }

    /**
     * The SCD30's own oscillator runs a little slow, so some data-ready questions are answered
     * "not yet"; now and then the bus thread stalls for longer than three intervals (an SD-card
     * write, a swapping Pi), sometimes between asking and reading the answer. The chip measured
     * all along: what it answered, and when it was asked, decides whether it fell silent.
     */
    @Test
    void scd30KeepsMeasuringForAnHourWhenItsBusThreadStallsLongerThanThreeIntervals() {
        rig.buses.attach(
                SCD30_AT,
                new SimScd30(
                                rig.clock,
                                new ChipFaults(),
                                SCD30_AT,
                                EnvironmentSignal.constant(800, 21.0, 45.0, 1013.25))
                        .oscillatorSlowBy(0.05));
        var scheduler = new SensorScheduler(rig.clock, recorder);
        scheduler.add(
                "i2c-3",
                new Scd30Sensor(
                        new Scd30Driver(rig.buses.i2c(SCD30_AT), SensorLabel.on("SCD30", "r105-air", SCD30_AT)),
                        Scd30Sensor.Settings.every(2)));

        Duration stall = Duration.ofSeconds(7); // more than three 2 s intervals
        scheduler.runUntil(
                rig.clock.instant().plus(Duration.ofHours(1)),
                due -> rig.clock.setInstant(random.nextInt(100) == 0 ? due.plus(stall) : due));

        assertThat(recorder.faults).isEmpty();
        // 1700 cycles of 2.1 s in an hour; the stalls swallow some 80 x 7 s of them.
        assertThat(recorder.of("r105-air", Quantity.CO2)).hasSizeGreaterThan(1300);
    }

    @Test
    void adxl355At500HzLosesNothingWhenItsBusThreadIsUpTo40MsLate() {
        rig.buses.attach(
                ADXL355_AT,
                new SimAdxl355(rig.clock, new ChipFaults(), AccelerationSignal.constant(0, 0, 1), () -> 20));
        var scheduler = new SensorScheduler(rig.clock, recorder);
        scheduler.add(
                "i2c-1",
                new Adxl355Sensor(
                        new Adxl355Driver(
                                RegisterDevice.over(rig.buses.i2c(ADXL355_AT)),
                                SensorLabel.on("ADXL355", "p2-vibration", ADXL355_AT)),
                        new Adxl355Sensor.Settings(Axis.Z, 2, 500)));

        // The FIFO holds 32 sets = 64 ms at 500 Hz: a drain every 32 ms left only 32 ms for lateness.
        runLate(scheduler, Duration.ofMinutes(1), Duration.ofMillis(40));

        assertThat(recorder.faults).isEmpty();
        assertThat(recorder.of("p2-vibration", Quantity.ACCELERATION)).hasSizeGreaterThan(59 * 500);
    }

    /**
     * Sample times are reconstructed from the ODR; anchored at each drain's time alone, a late drain
     * put its first sample within microseconds of the previous drain's last one, and the wire's
     * millisecond timestamps then made them duplicates (the outbox's validator dropped them).
     */
    @Test
    void adxl355SampleTimesStayEvenlySpacedAcrossDrainsWhenItsBusThreadIsLate() {
        rig.buses.attach(
                ADXL355_AT,
                new SimAdxl355(rig.clock, new ChipFaults(), AccelerationSignal.constant(0, 0, 1), () -> 20));
        var scheduler = new SensorScheduler(rig.clock, recorder);
        scheduler.add(
                "i2c-1",
                new Adxl355Sensor(
                        new Adxl355Driver(
                                RegisterDevice.over(rig.buses.i2c(ADXL355_AT)),
                                SensorLabel.on("ADXL355", "p2-vibration", ADXL355_AT)),
                        new Adxl355Sensor.Settings(Axis.Z, 2, 500)));

        runLate(scheduler, Duration.ofSeconds(20), Duration.ofMillis(10));

        List<Sample> samples = recorder.of("p2-vibration", Quantity.ACCELERATION);
        assertThat(samples).hasSizeGreaterThan(19 * 500);
        long period = 2_000_000L;
        for (int i = 1; i < samples.size(); i++) {
            long gap = Duration.between(
                            samples.get(i - 1).timestamp(), samples.get(i).timestamp())
                    .toNanos();
            assertThat(gap).as("gap before sample " + i).isBetween(period / 2, 2 * period);
            assertThat(samples.get(i).timestamp().toEpochMilli())
                    .as("millisecond of sample " + i)
                    .isGreaterThan(samples.get(i - 1).timestamp().toEpochMilli());
        }
        // Still on the gateway's clock: the newest sample is no more than a few periods from now.
        assertThat(Duration.between(samples.get(samples.size() - 1).timestamp(), rig.clock.instant())
                        .abs())
                .isLessThan(Duration.ofMillis(20));
    }
}
