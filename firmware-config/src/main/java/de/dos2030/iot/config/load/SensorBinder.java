package de.dos2030.iot.config.load;

import de.dos2030.iot.config.definition.Fields;
import de.dos2030.iot.config.definition.GatewayFile.Rule;
import de.dos2030.iot.config.definition.ReadContext;
import de.dos2030.iot.config.definition.SensorFile;
import de.dos2030.iot.config.definition.SensorFile.Bus;
import de.dos2030.iot.config.definition.SensorFile.Filter;
import de.dos2030.iot.config.definition.SensorFile.Source;
import de.dos2030.iot.config.model.*;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.SiteKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the read fields of one {@code sensors[i]} entry into a {@link SensorConfig}, filling
 * defaults and reporting every violated invariant at its location. Returns null for a sensor
 * with problems, after reporting them all.
 */
final class SensorBinder {

    private final ReadContext ctx;
    private final Parts parts;

    SensorBinder(ReadContext ctx) {
        this.ctx = ctx;
        this.parts = new Parts(ctx);
    }

    SensorConfig bind(Fields f, SiteKind siteKind) {
        String path = f.path();
        Driver driver = f.get(SensorFile.DRIVER);
        SourceConfig source = f.has(SensorFile.SOURCE) ? source(f.get(SensorFile.SOURCE)) : new SourceConfig.Hardware();
        Optional<BusConfig> bus = bus(f);
        Sampling sampling = sampling(f, driver);
        Calibration calibration = driver == null ? null : calibration(f.get(SensorFile.CALIBRATION), driver, path);
        List<FilterConfig> filters = parts.list(f.get(SensorFile.FILTERS), this::filter);
        List<FeatureWindow> features = parts.list(f.get(SensorFile.FEATURES), this::feature);
        List<RuleConfig> rules = parts.list(f.get(SensorFile.RULES), r -> rule(r, siteKind));
        SendPolicy send =
                f.opt(SensorFile.SEND).orElseGet(() -> Parts.whole(features) ? Defaults.send(features) : null);
        Optional<TiltConfig> tilt = tilt(f);
        Optional<ModeTracking> modes = modes(f);
        Optional<CaptureConfig> capture = capture(f);
        if (driver == null || source == null || f.get(SensorFile.ID) == null) {
            return null;
        }
        List<Violation> violations = SensorInvariants.violations(
                f.get(SensorFile.ID),
                driver,
                source,
                bus,
                sampling,
                calibration,
                filters,
                features,
                rules,
                send == null ? SendPolicy.RAW : send,
                tilt == null ? Optional.empty() : tilt);
        if (modes != null) {
            violations = new ArrayList<>(violations);
            violations.addAll(SensorInvariants.modes(driver, sampling, features, modes));
        }
        violations.forEach(v -> ctx.report(v.under(path)));
        List<Violation> captureViolations = capture == null || capture.isEmpty()
                ? List.of()
                : CaptureConfig.violations(driver, sampling, capture.get());
        captureViolations.forEach(v -> ctx.report(v.under(path)));
        boolean whole = f.complete()
                && violations.isEmpty()
                && bus != null
                && sampling != null
                && calibration != null
                && Parts.whole(filters)
                && Parts.whole(features)
                && Parts.whole(rules)
                && send != null
                && tilt != null
                && modes != null
                && capture != null
                && captureViolations.isEmpty();
        return whole
                ? parts.build(
                        path,
                        () -> new SensorConfig(
                                        f.get(SensorFile.ID),
                                        driver,
                                        source,
                                        bus,
                                        sampling,
                                        calibration,
                                        filters,
                                        features,
                                        rules,
                                        send,
                                        tilt,
                                        Optional.empty(),
                                        modes,
                                        Optional.empty())
                                .withCapture(capture))
                : null;
    }

    private SourceConfig source(Fields f) {
        if (f == null) {
            return null;
        }
        return switch (f.kind()) {
            case "simulated" ->
                f.complete()
                        ? parts.build(
                                f.path(),
                                () -> new SourceConfig.Simulated(
                                        f.get(Source.SCENARIO),
                                        f.get(Source.SEED),
                                        f.opt(Source.DAMAGE)
                                                .map(StiffnessLoss::parse)
                                                .orElse(List.of())))
                        : null;
            case "replay" ->
                f.complete()
                        ? parts.build(
                                f.path(),
                                () -> new SourceConfig.Replay(
                                        f.get(Source.FILE),
                                        f.get(Source.COLUMNS),
                                        f.opt(Source.TIMESTAMP_COLUMN),
                                        f.get(Source.SPEED),
                                        f.get(Source.REPEAT)))
                        : null;
            default -> new SourceConfig.Hardware();
        };
    }

    /** Empty when no wiring is written; null when the written wiring is broken. */
    private Optional<BusConfig> bus(Fields f) {
        Fields i2c = f.get(SensorFile.I2C);
        Fields spi = f.get(SensorFile.SPI);
        Fields gpio = f.get(SensorFile.GPIO);
        boolean written = f.has(SensorFile.I2C) || f.has(SensorFile.SPI) || f.has(SensorFile.GPIO);
        if (!written) {
            return Optional.empty();
        }
        Fields wiring = i2c != null ? i2c : spi != null ? spi : gpio;
        if (wiring == null || !wiring.complete()) {
            return null;
        }
        BusConfig b;
        if (i2c != null) {
            int busNo = i2c.get(Bus.I2C_BUS);
            boolean hardware = busNo == Defaults.I2C_HARDWARE_BUS;
            int sda = i2c.opt(Bus.SDA).orElse(hardware ? GpioHeader.I2C1_PINS.get(0) : Defaults.I2C_SOFTWARE_SDA);
            int scl = i2c.opt(Bus.SCL).orElse(hardware ? GpioHeader.I2C1_PINS.get(1) : Defaults.I2C_SOFTWARE_SCL);
            b = parts.build(i2c.path(), () -> new I2cBus(busNo, i2c.get(Bus.ADDRESS), sda, scl));
        } else if (spi != null) {
            b = parts.build(
                    spi.path(),
                    () -> new SpiBus(
                            spi.get(Bus.SPI_BUS), spi.get(Bus.CHIP_SELECT), (int) Math.round(spi.get(Bus.CLOCK))));
        } else {
            b = parts.build(gpio.path(), () -> new GpioBus(gpio.get(Bus.DATA), gpio.get(Bus.GPIO_CLOCK)));
        }
        return b == null ? null : Optional.of(b);
    }

    /** Empty when not written; null when the written section is broken. */
    private Optional<TiltConfig> tilt(Fields f) {
        if (!f.has(SensorFile.TILT)) {
            return Optional.empty();
        }
        Fields t = f.get(SensorFile.TILT);
        if (!t.complete()) {
            return null;
        }
        TiltConfig built = parts.build(
                t.path(), () -> new TiltConfig(t.get(SensorFile.TILT_LOW_PASS), t.get(SensorFile.TILT_INTERVAL)));
        return built == null ? null : Optional.of(built);
    }

    /** Empty when no modes are written; null when the written ones are broken (and reported). */
    private Optional<ModeTracking> modes(Fields f) {
        if (!f.has(SensorFile.Modes.LIST)) {
            boolean orphan = false;
            for (var key : List.of(SensorFile.Modes.EXCITATION_FLOOR, SensorFile.Modes.MIN_PEAK_QUALITY)) {
                if (f.has(key)) {
                    ctx.report(Violation.of(
                                    key.name(),
                                    "applies only to a sensor with modes",
                                    "modes: [{name: f1, band: 9.5-12 Hz}]")
                            .under(f.path()));
                    orphan = true;
                }
            }
            return orphan ? null : Optional.empty();
        }
        List<ModeBand> bands = parts.list(
                f.get(SensorFile.Modes.LIST),
                m -> m.complete()
                        ? parts.build(m.path(), () -> {
                            double[] band = m.get(SensorFile.Modes.BAND);
                            return new ModeBand(m.get(SensorFile.Modes.NAME), band[0], band[1]);
                        })
                        : null);
        if (!Parts.whole(bands)) {
            return null;
        }
        ModeTracking built = parts.build(
                f.path(),
                () -> new ModeTracking(
                        bands, f.get(SensorFile.Modes.EXCITATION_FLOOR), f.get(SensorFile.Modes.MIN_PEAK_QUALITY)));
        return built == null ? null : Optional.of(built);
    }

    /** Empty when not written; null when the written section is broken. */
    private Optional<CaptureConfig> capture(Fields f) {
        if (!f.has(SensorFile.Capture.KEY)) {
            return Optional.empty();
        }
        Fields c = f.get(SensorFile.Capture.KEY);
        if (c == null || !c.complete()) {
            return null;
        }
        CaptureConfig built = parts.build(
                c.path(), () -> new CaptureConfig(c.get(SensorFile.Capture.BEFORE), c.get(SensorFile.Capture.AFTER)));
        return built == null ? null : Optional.of(built);
    }

    private Sampling sampling(Fields f, Driver driver) {
        if (f.has(SensorFile.SAMPLE_INTERVAL)) {
            return Sampling.every(f.get(SensorFile.SAMPLE_INTERVAL));
        }
        if (f.has(SensorFile.SAMPLE_RATE)) {
            return Sampling.at(f.get(SensorFile.SAMPLE_RATE));
        }
        return driver == null ? null : Defaults.sampling(driver);
    }

    private Calibration calibration(Fields c, Driver driver, String sensorPath) {
        boolean strain = driver.quantities().contains(Quantity.STRAIN);
        if (c == null) {
            return strain
                    ? new Calibration(
                            Defaults.CALIBRATION_OFFSET,
                            Defaults.CALIBRATION_SCALE,
                            Optional.of(Defaults.GAUGE_FACTOR),
                            Optional.of(Defaults.EXCITATION_VOLTS),
                            Optional.empty(),
                            Optional.empty())
                    : Calibration.none();
        }
        if (!c.complete()) {
            return null;
        }
        Optional<Double> gauge = c.opt(SensorFile.Calibration.GAUGE_FACTOR);
        Optional<Double> excitation = c.opt(SensorFile.Calibration.EXCITATION);
        Optional<TemperatureCompensation> compensation = c.opt(SensorFile.Calibration.TEMPERATURE_COMPENSATION)
                .map(t -> parts.build(
                        t.path(),
                        () -> new TemperatureCompensation(
                                t.get(SensorFile.Calibration.COEFFICIENT),
                                t.opt(SensorFile.Calibration.TEMPERATURE_SOURCE),
                                t.get(SensorFile.Calibration.REFERENCE_TEMPERATURE))));
        if (c.has(SensorFile.Calibration.TEMPERATURE_COMPENSATION) && compensation.isEmpty()) {
            return null;
        }
        return parts.build(
                c.path(),
                () -> new Calibration(
                        c.get(SensorFile.Calibration.OFFSET),
                        c.get(SensorFile.Calibration.SCALE),
                        strain ? gauge.or(() -> Optional.of(Defaults.GAUGE_FACTOR)) : gauge,
                        strain ? excitation.or(() -> Optional.of(Defaults.EXCITATION_VOLTS)) : excitation,
                        c.opt(SensorFile.Calibration.TEMPERATURE_OFFSET),
                        c.opt(SensorFile.Calibration.ALTITUDE),
                        compensation));
    }

    private FilterConfig filter(Fields f) {
        if (!f.complete()) {
            return null;
        }
        Optional<Quantity> q = f.opt(Filter.QUANTITY);
        return parts.build(f.path(), () -> switch (f.kind()) {
            case "range" -> new FilterConfig.Range(q, f.opt(Filter.MIN), f.opt(Filter.MAX));
            case "hampel" -> new FilterConfig.Hampel(q, f.get(Filter.WINDOW), f.get(Filter.THRESHOLD));
            case "jump" -> new FilterConfig.Jump(q, f.opt(Filter.MAX_JUMP), f.get(Filter.PER));
            case "median" -> new FilterConfig.Median(q, f.get(Filter.MEDIAN_WINDOW));
            default -> new FilterConfig.Ema(q, f.get(Filter.TAU));
        });
    }

    private FeatureWindow feature(Fields f) {
        return f.complete()
                ? parts.build(f.path(), () -> new FeatureWindow(f.get(SensorFile.LENGTH), f.opt(SensorFile.FFT_SIZE)))
                : null;
    }

    private RuleConfig rule(Fields f, SiteKind siteKind) {
        if (!f.complete()) {
            return null;
        }
        Quantity q = f.get(Rule.QUANTITY);
        boolean anyCheck = f.has(Rule.WARNING_ABOVE)
                || f.has(Rule.CRITICAL_ABOVE)
                || f.has(Rule.WARNING_BELOW)
                || f.has(Rule.CRITICAL_BELOW)
                || f.has(Rule.RATE_OF_CHANGE)
                || f.has(Rule.FLATLINE)
                || f.has(Rule.NO_DATA_AFTER);
        Optional<Thresholds> siteDefault =
                anyCheck || siteKind == null ? Optional.empty() : Defaults.limits(siteKind, q);
        Thresholds base = siteDefault.orElse(null);
        Thresholds thresholds = parts.build(
                f.path(),
                () -> new Thresholds(
                        base != null ? base.warningAbove() : f.opt(Rule.WARNING_ABOVE),
                        base != null ? base.criticalAbove() : f.opt(Rule.CRITICAL_ABOVE),
                        base != null ? base.warningBelow() : f.opt(Rule.WARNING_BELOW),
                        base != null ? base.criticalBelow() : f.opt(Rule.CRITICAL_BELOW),
                        f.opt(Rule.DEADBAND).orElse(base != null ? base.deadband() : Defaults.DEADBAND),
                        f.opt(Rule.RAISE_AFTER).orElse(base != null ? base.raiseAfter() : Defaults.RAISE_AFTER),
                        f.opt(Rule.CLEAR_AFTER).orElse(base != null ? base.clearAfter() : Defaults.CLEAR_AFTER)));
        Optional<RateOfChange> roc = f.opt(Rule.RATE_OF_CHANGE)
                .map(r -> parts.build(r.path(), () -> new RateOfChange(r.get(Rule.ROC_LIMIT), r.get(Rule.ROC_PER))));
        if (thresholds == null || (f.has(Rule.RATE_OF_CHANGE) && roc.isEmpty())) {
            return null;
        }
        return parts.build(
                f.path(),
                () -> new RuleConfig(
                        f.get(Rule.ID),
                        q,
                        thresholds,
                        roc,
                        f.opt(Rule.FLATLINE),
                        f.opt(Rule.NO_DATA_AFTER),
                        f.opt(Rule.ACTIONS).orElse(List.of())));
    }
}
