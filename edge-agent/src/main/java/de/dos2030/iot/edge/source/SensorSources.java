package de.dos2030.iot.edge.source;

import de.dos2030.iot.config.model.BusConfig;
import de.dos2030.iot.config.model.I2cBus;
import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.config.model.SourceConfig;
import de.dos2030.iot.config.model.SpiBus;
import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.port.BusFactory;
import de.dos2030.iot.edge.port.RegisterDevice;
import de.dos2030.iot.edge.port.SpiRegisterFormat;
import de.dos2030.iot.edge.recorded.ReplaySensor;
import de.dos2030.iot.edge.sensor.Acquisition;
import de.dos2030.iot.edge.sensor.Axis;
import de.dos2030.iot.edge.sensor.SensorLabel;
import de.dos2030.iot.edge.sensor.ads1115.Ads1115Driver;
import de.dos2030.iot.edge.sensor.ads1115.Ads1115Sensor;
import de.dos2030.iot.edge.sensor.adxl345.Adxl345Driver;
import de.dos2030.iot.edge.sensor.adxl345.Adxl345Sensor;
import de.dos2030.iot.edge.sensor.adxl355.Adxl355Driver;
import de.dos2030.iot.edge.sensor.adxl355.Adxl355Sensor;
import de.dos2030.iot.edge.sensor.bme280.Bme280Driver;
import de.dos2030.iot.edge.sensor.bme280.Bme280Sensor;
import de.dos2030.iot.edge.sensor.scd30.Scd30Constants;
import de.dos2030.iot.edge.sensor.scd30.Scd30Driver;
import de.dos2030.iot.edge.sensor.scd30.Scd30Sensor;
import de.dos2030.iot.edge.sensor.scd4x.Scd4xDriver;
import de.dos2030.iot.edge.sensor.scd4x.Scd4xSensor;
import de.dos2030.iot.edge.sensor.scl3300.Scl3300Constants;
import de.dos2030.iot.edge.sensor.scl3300.Scl3300Driver;
import de.dos2030.iot.edge.sensor.scl3300.Scl3300Sensor;
import de.dos2030.iot.edge.sensor.sht3x.Sht3xDriver;
import de.dos2030.iot.edge.sensor.sht3x.Sht3xSensor;
import de.dos2030.iot.edge.sensor.sht4x.Sht4xDriver;
import de.dos2030.iot.edge.sensor.sht4x.Sht4xSensor;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns configured sensors into {@link Acquisition}s. Hardware and simulated sources both go
 * through the drivers and a {@link BusFactory} (Pi4J or simulated chips); replay sources play a
 * recorded file. The sensor's lane is its bus ({@code i2c-1}, {@code spi-0.0}) or, for replay,
 * one lane per sensor.
 */
public final class SensorSources {

    /** An acquisition and the bus lane it runs on. */
    public record Source(SensorConfig config, Acquisition acquisition, String lane) {}

    private SensorSources() {}

    /** Where a sensor sits on a bus, if it sits on one. */
    public static Optional<BusAddress> busAddress(SensorConfig s) {
        if (s.bus().isEmpty()) return Optional.empty();
        BusConfig bus = s.bus().get();
        if (bus instanceof I2cBus i2c) return Optional.of(new BusAddress.I2c(i2c.bus(), i2c.address()));
        if (bus instanceof SpiBus spi) return Optional.of(new BusAddress.Spi(spi.bus(), spi.chipSelect()));
        return Optional.empty();
    }

    /**
     * @throws BusException                  if the bus device cannot be opened
     * @throws UnsupportedOperationException for a driver this agent version has no implementation of
     * @throws IllegalArgumentException      for a calibration the chip cannot take (message names the sensor)
     */
    public static Source create(SensorConfig s, BusFactory buses) throws BusException {
        if (s.source() instanceof SourceConfig.Replay replay) {
            SensorLabel label = new SensorLabel(
                    s.driver().chipName(), s.id(), "replay " + replay.file().getFileName(), "the replay file");
            Duration spacing = s.sampling() == null
                    ? Duration.ZERO
                    : s.sampling().period().multipliedBy(9).dividedBy(10);
            return new Source(
                    s,
                    new ReplaySensor(
                            label,
                            replay.file(),
                            replay.columns(),
                            replay.speed(),
                            replay.repeat() == de.dos2030.iot.config.model.ReplayRepeat.LOOP,
                            spacing),
                    "replay-" + s.id());
        }
        BusAddress where = busAddress(s)
                .orElseThrow(() -> new UnsupportedOperationException(s.driver().chipName() + " '" + s.id()
                        + "': GPIO-wired sensors are not supported by this agent version"));
        SensorLabel label = SensorLabel.on(s.driver().chipName(), s.id(), where);
        Duration period = s.sampling().period();
        Acquisition a;
        try {
            a = onBus(s, buses, where, label, period);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label.chip() + " '" + s.id() + "': " + e.getMessage(), e);
        }
        return new Source(s, a, where.busName());
    }

    private static Acquisition onBus(
            SensorConfig s, BusFactory buses, BusAddress where, SensorLabel label, Duration period)
            throws BusException {
        Optional<Integer> altitude = s.calibration().altitude().map(m -> (int) Math.round(m));
        return switch (s.driver()) {
            case SCD41 ->
                new Scd4xSensor(
                        new Scd4xDriver(buses.i2c((BusAddress.I2c) where), label),
                        new Scd4xSensor.Settings(
                                "SCD41",
                                period.compareTo(Duration.ofSeconds(30)) >= 0
                                        ? Scd4xSensor.Mode.LOW_POWER
                                        : Scd4xSensor.Mode.PERIODIC,
                                false,
                                s.calibration().temperatureOffset(),
                                altitude));
            case SCD30 ->
                new Scd30Sensor(
                        new Scd30Driver(buses.i2c((BusAddress.I2c) where), label),
                        new Scd30Sensor.Settings(
                                (int) Math.max(Scd30Constants.MIN_INTERVAL_S, Math.round(period.toMillis() / 1000.0)),
                                s.calibration().temperatureOffset(),
                                altitude));
            case SHT3X -> new Sht3xSensor(new Sht3xDriver(buses.i2c((BusAddress.I2c) where), label), period);
            case ADXL345 ->
                new Adxl345Sensor(
                        new Adxl345Driver(registers(buses, where, SpiRegisterFormat.ADXL345), label),
                        new Adxl345Sensor.Settings(Axis.Z, 2, s.sampling().hertz()));
            case SHT4X -> new Sht4xSensor(new Sht4xDriver(buses.i2c((BusAddress.I2c) where), label), period);
            case BME280 ->
                new Bme280Sensor(new Bme280Driver(registers(buses, where, SpiRegisterFormat.BOSCH), label), period);
            case ADXL355 ->
                new Adxl355Sensor(
                        new Adxl355Driver(registers(buses, where, SpiRegisterFormat.ADXL355), label),
                        new Adxl355Sensor.Settings(Axis.Z, 2, s.sampling().hertz()));
            case SCL3300 ->
                new Scl3300Sensor(
                        new Scl3300Driver(
                                buses.spi(
                                        (BusAddress.Spi) where,
                                        ((SpiBus) s.bus().get()).clockHz(),
                                        Scl3300Constants.SPI_MODE),
                                label),
                        Axis.X,
                        period);
            case ADS1115 ->
                new Ads1115Sensor(new Ads1115Driver(buses.i2c((BusAddress.I2c) where), label), ads1115Settings(s));
            default ->
                throw new UnsupportedOperationException(s.driver().chipName() + " '" + s.id() + "': the "
                        + s.driver().wireName() + " driver is not implemented in this agent version");
        };
    }

    private static RegisterDevice registers(BusFactory buses, BusAddress where, SpiRegisterFormat format)
            throws BusException {
        if (where instanceof BusAddress.I2c i2c) return RegisterDevice.over(buses.i2c(i2c));
        BusAddress.Spi spi = (BusAddress.Spi) where;
        return RegisterDevice.over(buses.spi(spi, 4_000_000, format == SpiRegisterFormat.ADXL345 ? 3 : 0), format);
    }

    /** ADC rate: the slowest data rate at least 1.5 times the sample rate, so a conversion fits in a period. */
    static Ads1115Sensor.Settings ads1115Settings(SensorConfig s) {
        double hz = s.sampling().hertz();
        int sps = 860;
        for (int r : new int[] {8, 16, 32, 64, 128, 250, 475, 860}) {
            if (r >= 1.5 * hz) {
                sps = r;
                break;
            }
        }
        return new Ads1115Sensor.Settings(
                s.calibration().gaugeFactor().orElse(2.0),
                s.calibration().excitationVolts().orElse(3.3),
                0.0,
                0.256,
                sps,
                s.sampling().period());
    }
}
