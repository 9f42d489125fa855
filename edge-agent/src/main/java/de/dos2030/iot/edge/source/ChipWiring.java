package de.dos2030.iot.edge.source;

import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.config.model.SpiBus;
import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.port.BusFactory;
import de.dos2030.iot.edge.port.I2cDevice;
import de.dos2030.iot.edge.port.RegisterDevice;
import de.dos2030.iot.edge.port.SpiDevice;
import de.dos2030.iot.edge.port.SpiRegisterFormat;
import de.dos2030.iot.edge.sensor.SensorLabel;
import java.time.Duration;
import java.util.Optional;

/**
 * A configured sensor where it is wired, and the buses (Pi4J or simulated) to reach it: what a
 * {@link ChipSupport} opens its driver with.
 *
 * @param config the sensor as configured (sampling, calibration)
 * @param where  the bus location; I2C for chips that only speak I2C (the configuration checks)
 * @param label  the sensor's name in messages
 * @param buses  where the bus devices come from
 */
public record ChipWiring(SensorConfig config, BusAddress where, SensorLabel label, BusFactory buses) {

    /** Register chips on SPI run at 4 MHz, below the slowest supported one's maximum (ADXL345: 5 MHz). */
    static final int REGISTER_SPI_CLOCK_HZ = 4_000_000;

    public I2cDevice i2c() throws BusException {
        return buses.i2c((BusAddress.I2c) where);
    }

    /** The SPI device at the configured clock, in the chip's SPI mode. */
    public SpiDevice spi(int mode) throws BusException {
        return buses.spi((BusAddress.Spi) where, ((SpiBus) config.bus().orElseThrow()).clockHz(), mode);
    }

    /** A register chip on either bus: I2C, or SPI with the chip's first-byte format and mode. */
    public RegisterDevice registers(SpiRegisterFormat format, int spiMode) throws BusException {
        if (where instanceof BusAddress.I2c i2c) return RegisterDevice.over(buses.i2c(i2c));
        return RegisterDevice.over(buses.spi((BusAddress.Spi) where, REGISTER_SPI_CLOCK_HZ, spiMode), format);
    }

    /** The configured time between samples. */
    public Duration period() {
        return config.sampling().period();
    }

    /** The configured sample rate in Hz. */
    public double hertz() {
        return config.sampling().hertz();
    }

    /** The site altitude for CO2 pressure compensation, whole metres. */
    public Optional<Integer> altitudeM() {
        return config.calibration().altitude().map(m -> (int) Math.round(m));
    }
}
