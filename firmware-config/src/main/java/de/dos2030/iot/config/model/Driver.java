package de.dos2030.iot.config.model;

import de.dos2030.iot.model.Quantity;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A sensor chip the edge agent has a driver for, with what the chip measures, how it can be
 * wired, the I2C addresses it can answer at and its fastest sample rate. Figures follow the
 * datasheets summarised in {@code shared/DOMAIN.md}.
 */
public enum Driver {
    SCD41(
            "scd41",
            "SCD41",
            Quantity.CO2,
            EnumSet.of(Quantity.CO2, Quantity.TEMPERATURE, Quantity.RELATIVE_HUMIDITY),
            EnumSet.of(BusKind.I2C),
            List.of(0x62),
            0.2),
    SCD30(
            "scd30",
            "SCD30",
            Quantity.CO2,
            EnumSet.of(Quantity.CO2, Quantity.TEMPERATURE, Quantity.RELATIVE_HUMIDITY),
            EnumSet.of(BusKind.I2C),
            List.of(0x61),
            0.5),
    SHT4X(
            "sht4x",
            "SHT4x",
            Quantity.TEMPERATURE,
            EnumSet.of(Quantity.TEMPERATURE, Quantity.RELATIVE_HUMIDITY),
            EnumSet.of(BusKind.I2C),
            List.of(0x44, 0x45, 0x46),
            100),
    SHT3X(
            "sht3x",
            "SHT3x",
            Quantity.TEMPERATURE,
            EnumSet.of(Quantity.TEMPERATURE, Quantity.RELATIVE_HUMIDITY),
            EnumSet.of(BusKind.I2C),
            List.of(0x44, 0x45),
            10),
    BME280(
            "bme280",
            "BME280",
            Quantity.TEMPERATURE,
            EnumSet.of(Quantity.TEMPERATURE, Quantity.RELATIVE_HUMIDITY, Quantity.AIR_PRESSURE),
            EnumSet.of(BusKind.I2C, BusKind.SPI),
            List.of(0x76, 0x77),
            150),
    ADXL345(
            "adxl345",
            "ADXL345",
            Quantity.ACCELERATION,
            EnumSet.of(Quantity.ACCELERATION, Quantity.TILT),
            EnumSet.of(BusKind.I2C, BusKind.SPI),
            List.of(0x53, 0x1D),
            3200),
    ADXL355(
            "adxl355",
            "ADXL355",
            Quantity.ACCELERATION,
            EnumSet.of(Quantity.ACCELERATION, Quantity.TILT, Quantity.TEMPERATURE),
            EnumSet.of(BusKind.I2C, BusKind.SPI),
            List.of(0x1D, 0x53),
            4000),
    SCL3300(
            "scl3300",
            "SCL3300",
            Quantity.TILT,
            EnumSet.of(Quantity.TILT, Quantity.ACCELERATION),
            EnumSet.of(BusKind.SPI),
            List.of(),
            2000),
    ADS1115(
            "ads1115",
            "ADS1115",
            Quantity.STRAIN,
            EnumSet.of(Quantity.STRAIN),
            EnumSet.of(BusKind.I2C),
            List.of(0x48, 0x49, 0x4A, 0x4B),
            860),
    HX711("hx711", "HX711", Quantity.STRAIN, EnumSet.of(Quantity.STRAIN), EnumSet.of(BusKind.GPIO), List.of(), 80);

    private final String wireName;
    private final String chipName;
    private final Quantity primary;
    private final Set<Quantity> quantities;
    private final Set<BusKind> buses;
    private final List<Integer> i2cAddresses;
    private final double maxRateHz;

    Driver(
            String wireName,
            String chipName,
            Quantity primary,
            Set<Quantity> quantities,
            Set<BusKind> buses,
            List<Integer> i2cAddresses,
            double maxRateHz) {
        this.wireName = wireName;
        this.chipName = chipName;
        this.primary = primary;
        this.quantities = quantities;
        this.buses = buses;
        this.i2cAddresses = i2cAddresses;
        this.maxRateHz = maxRateHz;
    }

    public String wireName() {
        return wireName;
    }

    /** The chip's name as printed on its datasheet, for messages. */
    public String chipName() {
        return chipName;
    }

    /** Quantities the chip delivers as samples (features derived from windows come on top). */
    public Set<Quantity> quantities() {
        return EnumSet.copyOf(quantities);
    }

    /** The quantity that calibration offset and scale apply to. */
    public Quantity primaryQuantity() {
        return primary;
    }

    public boolean supports(BusKind bus) {
        return buses.contains(bus);
    }

    public Set<BusKind> buses() {
        return EnumSet.copyOf(buses);
    }

    /** The I2C addresses the chip can be strapped to; empty for chips without I2C. */
    public List<Integer> i2cAddresses() {
        return i2cAddresses;
    }

    /** The fastest sample rate the chip delivers fresh data at, in Hz. */
    public double maxRateHz() {
        return maxRateHz;
    }

    /**
     * The rate the chip really samples at when asked for {@code wantedHz}. The ADXL accelerometers only run at
     * their fastest rate divided by a power of two, and take the next such rate at or above the wanted one
     * (an ADXL355 asked for 400 Hz runs at 500 Hz); the other chips are polled at the configured rate. Window
     * lengths and the FFT's frequency scale must use this rate, or every frequency is off by their ratio.
     */
    public double deliveredRateHz(double wantedHz) {
        if (this != ADXL345 && this != ADXL355) {
            return wantedHz;
        }
        int slowest = this == ADXL355 ? 10 : 15; // halvings: 3.9 Hz and 0.1 Hz are their slowest rates
        double rate = maxRateHz;
        for (int n = 0; n < slowest && rate / 2 >= wantedHz * (1 - 1e-9); n++) {
            rate /= 2;
        }
        return rate;
    }

    /** True for accelerometers, whose windows yield vibration features. */
    public boolean measuresVibration() {
        return quantities.contains(Quantity.ACCELERATION) && this != SCL3300;
    }

    /** True for chips that stretch the I2C clock past what the Pi's hardware I2C tolerates. */
    public boolean stretchesI2cClock() {
        return this == SCD30;
    }
}
