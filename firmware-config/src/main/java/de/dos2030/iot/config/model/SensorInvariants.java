package de.dos2030.iot.config.model;

import de.dos2030.iot.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules one sensor must obey on its own: wiring the chip supports, an address the chip can
 * answer at, a sample rate the chip can deliver, calibration and filters that fit the chip, and
 * rules only on quantities the sensor measures. Paths are relative to the sensor.
 */
public final class SensorInvariants {

    private SensorInvariants() {}

    /** Every violation; null arguments are parts that could not be read and are skipped. */
    public static List<Violation> violations(
            String id,
            Driver driver,
            SourceConfig source,
            Optional<BusConfig> bus,
            Sampling sampling,
            Calibration calibration,
            List<FilterConfig> filters,
            List<FeatureWindow> features,
            List<RuleConfig> rules,
            SendPolicy send,
            Optional<TiltConfig> tilt) {
        List<Violation> out = new ArrayList<>();
        Identifier.check("id", id).ifPresent(out::add);
        if (driver == null || source == null) {
            out.add(Violation.of("", "driver and source are required"));
            return out;
        }
        if (bus != null) {
            wiring(out, driver, source, bus);
        }
        if (sampling != null && sampling.hertz() > driver.maxRateHz() * 1.000_001) {
            String key = sampling instanceof Sampling.Rate ? "sample-rate" : "sample-interval";
            out.add(Violation.of(
                    key,
                    "samples at " + hz(sampling.hertz()) + " Hz, beyond the " + driver.chipName() + "'s maximum of "
                            + hz(driver.maxRateHz()) + " Hz",
                    "at most " + hz(driver.maxRateHz()) + " Hz (every "
                            + DurationText.format(java.time.Duration.ofNanos(Math.round(1e9 / driver.maxRateHz())))
                            + ")"));
        }
        if (calibration != null) {
            calibration(out, driver, calibration);
        }
        Set<Quantity> samples = SensorConfig.sampleQuantities(driver, source);
        if (source instanceof SourceConfig.Replay replay) {
            for (Quantity q : replay.columns().keySet()) {
                if (!driver.quantities().contains(q)) {
                    out.add(Violation.of(
                            "source.columns." + q.wireName(),
                            "the " + driver.chipName() + " does not measure " + q.wireName(),
                            names(driver.quantities())));
                }
            }
        }
        if (filters != null) {
            for (int i = 0; i < filters.size(); i++) {
                FilterConfig f = filters.get(i);
                if (f != null
                        && f.quantity().isPresent()
                        && !samples.contains(f.quantity().get())) {
                    out.add(Violation.of(
                            "filters[" + i + "].quantity",
                            "this sensor has no " + f.quantity().get().wireName() + " samples",
                            names(samples)));
                }
            }
        }
        if (features != null) {
            features(out, driver, sampling, features);
            rules(out, driver, source, features, rules);
            if (send == null) {
                out.add(Violation.of("send", "must not be null"));
            } else if (send != SendPolicy.RAW && features.isEmpty()) {
                out.add(Violation.of(
                        "send",
                        "sends " + send.wireName() + " but the sensor has no feature windows",
                        "raw, or a window under features"));
            }
        }
        if (tilt == null) {
            out.add(Violation.of("tilt", "must not be null"));
        } else if (tilt.isPresent() && !driver.measuresVibration()) {
            out.add(Violation.of(
                    "tilt",
                    "the " + driver.chipName() + " has no three acceleration axes to derive tilt" + " from",
                    "adxl345, adxl355"));
        } else if (tilt.isPresent()
                && id != null
                && Identifier.PATTERN.matcher(id).matches()) {
            // The angles travel as sensors of their own: their ids end up in topics and tags too.
            int longest = Math.max(TiltConfig.PITCH_SUFFIX.length(), TiltConfig.ROLL_SUFFIX.length());
            for (String derived : TiltConfig.derivedIds(id)) {
                if (!Identifier.PATTERN.matcher(derived).matches()) {
                    out.add(Violation.of(
                            "tilt",
                            "the derived sensor id '" + derived + "' is longer than " + Identifier.MAX_LENGTH
                                    + " characters",
                            "a sensor id of at most " + (Identifier.MAX_LENGTH - longest)
                                    + " characters on a sensor with tilt"));
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Where tracked modes fit this sensor: an accelerometer, a feature window with fft-size, every
     * band below Nyquist (half the sample rate) and at least one FFT bin (rate / fft-size) wide.
     * The bands among themselves are {@link ModeTracking}'s to judge.
     */
    public static List<Violation> modes(
            Driver driver, Sampling sampling, List<FeatureWindow> features, Optional<ModeTracking> modes) {
        List<Violation> out = new ArrayList<>();
        if (modes == null || modes.isEmpty() || driver == null) {
            return out;
        }
        if (!driver.measuresVibration()) {
            out.add(Violation.of(
                    "modes",
                    "the " + driver.chipName() + " has no vibration signal to track modes in",
                    "adxl345, adxl355"));
            return out;
        }
        int smallestFft = features == null
                ? 0
                : features.stream()
                        .filter(w -> w != null && w.fftSize().isPresent())
                        .mapToInt(w -> w.fftSize().get())
                        .min()
                        .orElse(0);
        if (features != null && smallestFft == 0) {
            out.add(Violation.of(
                    "modes",
                    "tracking modes needs a spectrum",
                    "a window under features with fft-size, e.g. {length: 60s, fft-size: 4096}"));
        }
        if (sampling == null) {
            return out;
        }
        double nyquist = sampling.hertz() / 2;
        List<ModeBand> bands = modes.get().bands();
        for (int i = 0; i < bands.size(); i++) {
            ModeBand b = bands.get(i);
            if (b.highHz() > nyquist) {
                out.add(Violation.of(
                        "modes[" + i + "].band",
                        b.name() + "'s band " + b.bandText() + " reaches above the Nyquist frequency, " + hz(nyquist)
                                + " Hz at " + hz(sampling.hertz()) + " Hz sampling",
                        "a band up to " + hz(nyquist) + " Hz, or a higher sample-rate"));
            } else if (smallestFft > 0 && b.widthHz() < sampling.hertz() / smallestFft) {
                double bin = sampling.hertz() / smallestFft;
                out.add(Violation.of(
                        "modes[" + i + "].band",
                        b.name() + "'s band " + b.bandText() + " is narrower than the spectral resolution, " + hz(bin)
                                + " Hz (" + hz(sampling.hertz()) + " Hz / fft-size " + smallestFft + ")",
                        "a band at least " + hz(bin) + " Hz wide, better many times that"));
            }
        }
        return out;
    }

    private static void wiring(List<Violation> out, Driver driver, SourceConfig source, Optional<BusConfig> bus) {
        if (bus.isEmpty()) {
            if (!(source instanceof SourceConfig.Replay)) {
                out.add(Violation.of(
                        "",
                        "the " + driver.chipName() + " (" + source.kind() + " source) needs its wiring",
                        driver.buses().stream().map(BusKind::wireName).collect(Collectors.joining(", "))));
            }
            return;
        }
        BusConfig b = bus.get();
        if (!driver.supports(b.kind())) {
            out.add(Violation.of(
                    b.kind().wireName(),
                    "the " + driver.chipName() + " is not wired by " + b.kind().wireName(),
                    driver.buses().stream().map(BusKind::wireName).collect(Collectors.joining(", "))));
            return;
        }
        if (b instanceof I2cBus i2c) {
            if (!driver.i2cAddresses().contains(i2c.address())) {
                out.add(Violation.of(
                        "i2c.address",
                        I2cBus.hex(i2c.address()) + " is not an address the " + driver.chipName() + " answers at",
                        driver.i2cAddresses().stream().map(I2cBus::hex).collect(Collectors.joining(", "))));
            }
            if (driver.stretchesI2cClock() && i2c.isHardware()) {
                out.add(Violation.of(
                        "i2c.bus",
                        "the " + driver.chipName() + " stretches the I2C clock up to 150 ms"
                                + " and the Pi's hardware I2C gives up after 35 ms: put it on a software i2c-gpio bus",
                        "bus: " + Defaults.I2C_SOFTWARE_BUS + ", sda: " + Defaults.I2C_SOFTWARE_SDA + ", scl: "
                                + Defaults.I2C_SOFTWARE_SCL));
            }
        }
    }

    private static void calibration(List<Violation> out, Driver driver, Calibration c) {
        boolean strain = driver.quantities().contains(Quantity.STRAIN);
        if (!strain && c.gaugeFactor().isPresent()) {
            out.add(Violation.of(
                    "calibration.gauge-factor",
                    "applies to strain gauges, not to the " + driver.chipName(),
                    "ads1115, hx711"));
        }
        if (!strain && c.excitationVolts().isPresent()) {
            out.add(Violation.of(
                    "calibration.excitation-voltage",
                    "applies to strain gauges, not to the " + driver.chipName(),
                    "ads1115, hx711"));
        }
        if (!driver.quantities().contains(Quantity.TEMPERATURE)
                && c.temperatureOffset().isPresent()) {
            out.add(Violation.of(
                    "calibration.temperature-offset", "the " + driver.chipName() + " has no temperature channel"));
        }
        if (!strain && c.temperatureCompensation().isPresent()) {
            out.add(Violation.of(
                    "calibration.temperature-compensation",
                    "applies to strain gauges, not to the " + driver.chipName(),
                    "ads1115, hx711"));
        }
        boolean pressureSensitive = driver == Driver.SCD41 || driver == Driver.SCD30 || driver == Driver.BME280;
        if (!pressureSensitive && c.altitude().isPresent()) {
            out.add(Violation.of(
                    "calibration.altitude",
                    "applies to CO2 and pressure chips, not to the " + driver.chipName(),
                    "scd41, scd30, bme280"));
        }
    }

    private static void features(List<Violation> out, Driver driver, Sampling sampling, List<FeatureWindow> features) {
        for (int i = 0; i < features.size(); i++) {
            FeatureWindow w = features.get(i);
            if (w == null || w.fftSize().isEmpty()) {
                continue;
            }
            int n = w.fftSize().get();
            if (!driver.measuresVibration()) {
                out.add(Violation.of(
                        "features[" + i + "].fft-size",
                        "the " + driver.chipName() + " has no vibration signal to transform",
                        "adxl345, adxl355"));
            } else if (sampling != null && n > FeatureWindow.largestFft(sampling.hertz(), w.length())) {
                long held = FeatureWindow.samples(sampling.hertz(), w.length());
                long largest = FeatureWindow.largestFft(sampling.hertz(), w.length());
                out.add(Violation.of(
                        "features[" + i + "].fft-size",
                        "fft-size " + n + " would pad a "
                                + DurationText.format(w.length()) + " window at " + hz(sampling.hertz()) + " Hz ("
                                + held
                                + " samples) with at least as many zeros as samples",
                        largest < FeatureWindow.MIN_FFT
                                ? "a longer window: " + FeatureWindow.MIN_FFT + " points need at least "
                                        + (FeatureWindow.MIN_FFT / 2 + 1) + " samples"
                                : "at most " + largest
                                        + ", the next power of two at or above the samples in the window"));
            }
        }
    }

    private static void rules(
            List<Violation> out,
            Driver driver,
            SourceConfig source,
            List<FeatureWindow> features,
            List<RuleConfig> rules) {
        if (rules == null) {
            return;
        }
        Set<Quantity> measured = measured(driver, source, features);
        for (int i = 0; i < rules.size(); i++) {
            RuleConfig r = rules.get(i);
            if (r == null) {
                continue;
            }
            if (!measured.contains(r.quantity())) {
                String why = r.quantity().isVibrationFeature() && driver.measuresVibration()
                        ? r.quantity() == Quantity.DOMINANT_FREQUENCY
                                ? "dominant_frequency needs a feature window with fft-size"
                                : r.quantity().wireName() + " needs a feature window"
                        : "this sensor does not measure " + r.quantity().wireName();
                out.add(Violation.of("rules[" + i + "].quantity", why, names(measured)));
            }
        }
    }

    static Set<Quantity> measured(Driver driver, SourceConfig source, List<FeatureWindow> features) {
        Set<Quantity> measured = SensorConfig.sampleQuantities(driver, source);
        if (driver.measuresVibration() && measured.contains(Quantity.ACCELERATION) && !features.isEmpty()) {
            boolean spectrum =
                    features.stream().anyMatch(w -> w != null && w.fftSize().isPresent());
            for (Quantity feature : Quantity.vibrationFeatures()) {
                if (feature != Quantity.DOMINANT_FREQUENCY || spectrum) {
                    measured.add(feature);
                }
            }
        }
        return measured;
    }

    static String names(Set<Quantity> quantities) {
        return quantities.stream().map(Quantity::wireName).collect(Collectors.joining(", "));
    }

    static String hz(double hz) {
        return Thresholds.fmt(Math.round(hz * 1000) / 1000.0);
    }
}
