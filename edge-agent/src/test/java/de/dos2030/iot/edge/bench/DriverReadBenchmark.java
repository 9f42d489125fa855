package de.dos2030.iot.edge.bench;

import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.RegisterDevice;
import de.dos2030.iot.edge.sensor.SensorException;
import de.dos2030.iot.edge.sensor.SensorLabel;
import de.dos2030.iot.edge.sensor.ads1115.Ads1115Driver;
import de.dos2030.iot.edge.sensor.adxl345.Adxl345Driver;
import de.dos2030.iot.edge.sensor.adxl355.Adxl355Driver;
import de.dos2030.iot.edge.sensor.bme280.Bme280Constants;
import de.dos2030.iot.edge.sensor.bme280.Bme280Driver;
import de.dos2030.iot.edge.sensor.scd30.Scd30Constants;
import de.dos2030.iot.edge.sensor.scd30.Scd30Driver;
import de.dos2030.iot.edge.sensor.scd4x.Scd4xConstants;
import de.dos2030.iot.edge.sensor.scd4x.Scd4xDriver;
import de.dos2030.iot.edge.sensor.scl3300.Scl3300Driver;
import de.dos2030.iot.edge.sensor.sht3x.Sht3xConstants;
import de.dos2030.iot.edge.sensor.sht3x.Sht3xDriver;
import de.dos2030.iot.edge.sensor.sht4x.Sht4xConstants;
import de.dos2030.iot.edge.sensor.sht4x.Sht4xDriver;
import de.dos2030.iot.edge.sim.AccelerationSignal;
import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.EnvironmentSignal;
import de.dos2030.iot.edge.sim.InclinationSignal;
import de.dos2030.iot.edge.sim.SimulatedBusFactory;
import de.dos2030.iot.edge.sim.VirtualClock;
import de.dos2030.iot.edge.sim.chip.SimAds1115;
import de.dos2030.iot.edge.sim.chip.SimAdxl345;
import de.dos2030.iot.edge.sim.chip.SimAdxl355;
import de.dos2030.iot.edge.sim.chip.SimBme280;
import de.dos2030.iot.edge.sim.chip.SimScd30;
import de.dos2030.iot.edge.sim.chip.SimScd4x;
import de.dos2030.iot.edge.sim.chip.SimScl3300;
import de.dos2030.iot.edge.sim.chip.SimSht3x;
import de.dos2030.iot.edge.sim.chip.SimSht4x;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per sample of each driver's read path against its simulated chip: the driver's
 * transactions, CRC checks and conversion plus the fake chip's protocol handling (on a Pi the
 * bus transfer time adds to this; see the README). The virtual clock jumps over conversion times.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class DriverReadBenchmark {

    VirtualClock clock;
    Scd4xDriver scd4x;
    Sht4xDriver sht4x;
    Bme280Driver bme280;
    Adxl355Driver adxl355;
    Scl3300Driver scl3300;
    Ads1115Driver ads1115;
    Scd30Driver scd30;
    Sht3xDriver sht3x;
    Adxl345Driver adxl345;

    @Setup
    public void setUp() throws Exception {
        clock = new VirtualClock(Instant.parse("2025-03-10T08:00:00Z"));
        SimulatedBusFactory buses = new SimulatedBusFactory();
        EnvironmentSignal air = EnvironmentSignal.constant(800, 22.5, 45, 1010);
        BusAddress.I2c scdAt = new BusAddress.I2c(3, Driver.SCD41.i2cAddresses().get(0)),
                shtAt = new BusAddress.I2c(3, Driver.SHT4X.i2cAddresses().get(0)),
                bmeAt = new BusAddress.I2c(3, Driver.BME280.i2cAddresses().get(0));
        BusAddress.I2c
                accAt = new BusAddress.I2c(3, Driver.ADXL355.i2cAddresses().get(0)),
                adcAt = new BusAddress.I2c(3, Driver.ADS1115.i2cAddresses().get(0));
        BusAddress.Spi tiltAt = new BusAddress.Spi(0, 1);
        BusAddress.I2c
                scd30At = new BusAddress.I2c(3, Driver.SCD30.i2cAddresses().get(0)),
                sht3xAt = new BusAddress.I2c(3, Driver.SHT3X.i2cAddresses().get(1)),
                adxl345At = new BusAddress.I2c(3, Driver.ADXL345.i2cAddresses().get(0));
        buses.attach(scd30At, new SimScd30(clock, new ChipFaults(), scd30At, air));
        buses.attach(sht3xAt, new SimSht3x(clock, new ChipFaults(), sht3xAt, air, 1));
        buses.attach(adxl345At, new SimAdxl345(clock, new ChipFaults(), AccelerationSignal.constant(0.01, -0.02, 1.0)));
        scd30 = new Scd30Driver(buses.i2c(scd30At), SensorLabel.on("SCD30", "b", scd30At));
        sht3x = new Sht3xDriver(buses.i2c(sht3xAt), SensorLabel.on("SHT3x", "b", sht3xAt));
        adxl345 =
                new Adxl345Driver(RegisterDevice.over(buses.i2c(adxl345At)), SensorLabel.on("ADXL345", "b", adxl345At));
        scd30.send(Scd30Constants.START_CONTINUOUS_MEASUREMENT, 0);
        adxl345.configure(0, 0x0F); // 3200 Hz
        buses.attach(scdAt, new SimScd4x(clock, new ChipFaults(), scdAt, air, 1, 1));
        buses.attach(shtAt, new SimSht4x(clock, new ChipFaults(), shtAt, air, 1));
        buses.attach(bmeAt, new SimBme280(clock, new ChipFaults(), air));
        buses.attach(
                accAt,
                new SimAdxl355(clock, new ChipFaults(), AccelerationSignal.constant(0.01, -0.02, 1.0), () -> 20));
        buses.attach(adcAt, new SimAds1115(clock, new ChipFaults(), t -> 0.8e-3));
        buses.attach(tiltAt, new SimScl3300(clock, new ChipFaults(), InclinationSignal.constant(0.5, 0.1, 89)));
        scd4x = new Scd4xDriver(buses.i2c(scdAt), SensorLabel.on("SCD41", "b", scdAt));
        sht4x = new Sht4xDriver(buses.i2c(shtAt), SensorLabel.on("SHT41", "b", shtAt));
        bme280 = new Bme280Driver(RegisterDevice.over(buses.i2c(bmeAt)), SensorLabel.on("BME280", "b", bmeAt));
        adxl355 = new Adxl355Driver(RegisterDevice.over(buses.i2c(accAt)), SensorLabel.on("ADXL355", "b", accAt));
        scl3300 = new Scl3300Driver(buses.spi(tiltAt, 2_000_000, 0), SensorLabel.on("SCL3300", "b", tiltAt));
        ads1115 = new Ads1115Driver(buses.i2c(adcAt), SensorLabel.on("ADS1115", "b", adcAt));
        scd4x.send(Scd4xConstants.START_PERIODIC_MEASUREMENT);
        bme280.checkChipId();
        bme280.readCalibration();
        bme280.configure();
        adxl355.configure(1, 0); // 4000 Hz
        scl3300.softReset();
        scl3300.configureInclinationMode();
        scl3300.clearStatus();
        ads1115.configure(5, 7);
    }

    @Benchmark
    public Scd4xDriver.Measurement scd41DataReadyAndReadMeasurement() throws SensorException {
        clock.advance(Scd4xConstants.PERIODIC_INTERVAL);
        scd4x.send(Scd4xConstants.GET_DATA_READY_STATUS);
        clock.advance(Scd4xConstants.COMMAND_TIME);
        scd4x.readDataReady();
        scd4x.send(Scd4xConstants.READ_MEASUREMENT);
        clock.advance(Scd4xConstants.COMMAND_TIME);
        return scd4x.readMeasurement();
    }

    @Benchmark
    public Scd30Driver.Measurement scd30DataReadyAndReadMeasurement() throws SensorException {
        clock.advance(Duration.ofSeconds(Scd30Constants.MIN_INTERVAL_S));
        scd30.send(Scd30Constants.GET_DATA_READY);
        clock.advance(Scd30Constants.COMMAND_TIME);
        scd30.readDataReady();
        scd30.send(Scd30Constants.READ_MEASUREMENT);
        clock.advance(Scd30Constants.COMMAND_TIME);
        return scd30.readMeasurement();
    }

    @Benchmark
    public Sht3xDriver.Measurement sht3xSingleShot() throws SensorException {
        sht3x.send(Sht3xConstants.MEASURE_HIGH_REPEATABILITY);
        clock.advance(Sht3xConstants.MEASURE_TIME);
        return sht3x.readMeasurement();
    }

    /** One drain of the full 32-entry FIFO at 3200 Hz (10 ms of data), one transaction per entry: the figure is per sample. */
    @Benchmark
    @OperationsPerInvocation(32)
    public Adxl345Driver.FifoRead adxl345FifoDrainPerSample() throws SensorException {
        clock.advance(Duration.ofMillis(10));
        return adxl345.readFifo();
    }

    @Benchmark
    public Sht4xDriver.Measurement sht4xMeasureHighPrecision() throws SensorException {
        sht4x.send(Sht4xConstants.MEASURE_HIGH_PRECISION);
        clock.advance(Sht4xConstants.MEASURE_TIME);
        return sht4x.readMeasurement();
    }

    @Benchmark
    public Bme280Driver.Measurement bme280ForcedMeasurement() throws SensorException {
        bme280.startForcedMeasurement();
        clock.advance(Bme280Constants.FORCED_MEASUREMENT_TIME);
        bme280.isMeasuring();
        return bme280.readMeasurement();
    }

    /** One FIFO drain of 32 x/y/z sets at 4000 Hz (8 ms of data): the figure is per sample. */
    @Benchmark
    @OperationsPerInvocation(32)
    public Adxl355Driver.FifoRead adxl355FifoDrainPerSample() throws SensorException {
        clock.advance(Duration.ofMillis(8));
        return adxl355.readFifo();
    }

    @Benchmark
    public Scl3300Driver.Measurement scl3300Angles() throws SensorException {
        return scl3300.readAngles();
    }

    @Benchmark
    public Ads1115Driver.Measurement ads1115SingleShot() throws SensorException {
        ads1115.startConversion(5, 7);
        clock.advance(Duration.ofMillis(2));
        ads1115.conversionDone();
        return ads1115.readConversion(5);
    }
}
