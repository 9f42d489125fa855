package de.dos2030.iot.config.model;

import de.dos2030.iot.model.Quantity;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One sensor of a gateway: its id, chip driver, value source, wiring ({@code bus}, absent only
 * for replayed sensors), sampling, calibration, filter chain, feature windows, rules, what it sends
 * upstream, for accelerometers, tilt derived from the three axes, and the location (room or bridge
 * section) of its site it is at, when its entry names one, the bridge modes it tracks and raw capture
 * around alarms.
 * The constructor enforces {@link SensorInvariants}.
 */
public record SensorConfig(
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
        Optional<TiltConfig> tilt,
        Optional<LocationRef> location,
        Optional<ModeTracking> modes,
        Optional<CaptureConfig> capture) {

    public SensorConfig {
        location = location == null ? Optional.empty() : location;
        modes = modes == null ? Optional.empty() : modes;
        capture = capture == null ? Optional.empty() : capture;
        filters = filters == null ? null : List.copyOf(filters);
        features = features == null ? null : List.copyOf(features);
        rules = rules == null ? null : List.copyOf(rules);
        Violation.throwIfAny(
                "sensor " + id,
                SensorInvariants.violations(
                        id, driver, source, bus, sampling, calibration, filters, features, rules, send, tilt));
        Violation.throwIfAny("sensor " + id, SensorInvariants.modes(driver, sampling, features, modes));
        Violation.throwIfAny("sensor " + id, CaptureConfig.violations(driver, sampling, capture.orElse(null)));
    }

    /** A sensor that tracks no bridge modes and captures nothing raw. */
    public SensorConfig(
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
            Optional<TiltConfig> tilt,
            Optional<LocationRef> location) {
        this(
                id,
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
                location,
                Optional.empty(),
                Optional.empty());
    }

    /**
     * The rate samples really arrive at: a recording's configured rate, or the rate the chip (real or simulated)
     * runs at when asked for the configured one (see {@link Driver#deliveredRateHz}).
     */
    public double deliveredRateHz() {
        return source instanceof SourceConfig.Replay ? sampling.hertz() : driver.deliveredRateHz(sampling.hertz());
    }

    /** This sensor reading from another source (a reseeded or damaged simulation), all else the same. */
    public SensorConfig withSource(SourceConfig other) {
        return new SensorConfig(
                id,
                driver,
                other,
                bus,
                sampling,
                calibration,
                filters,
                features,
                rules,
                send,
                tilt,
                location,
                modes,
                capture);
    }

    /** This sensor with raw capture around alarms, or without. */
    public SensorConfig withCapture(Optional<CaptureConfig> c) {
        return new SensorConfig(
                id,
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
                location,
                modes,
                c);
    }

    /** A sensor whose entry names no location. */
    public SensorConfig(
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
        this(id, driver, source, bus, sampling, calibration, filters, features, rules, send, tilt, Optional.empty());
    }

    /** This sensor at another location. */
    public SensorConfig at(Optional<LocationRef> where) {
        return new SensorConfig(
                id,
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
                where,
                modes,
                capture);
    }

    /** This sensor tracking {@code tracking}'s modes (or none). */
    public SensorConfig withModes(Optional<ModeTracking> tracking) {
        return new SensorConfig(
                id,
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
                location,
                tracking,
                capture);
    }

    /** Sending the default for its windows ({@link Defaults#send}), without derived tilt. */
    public SensorConfig(
            String id,
            Driver driver,
            SourceConfig source,
            Optional<BusConfig> bus,
            Sampling sampling,
            Calibration calibration,
            List<FilterConfig> filters,
            List<FeatureWindow> features,
            List<RuleConfig> rules) {
        this(
                id,
                driver,
                source,
                bus,
                sampling,
                calibration,
                filters,
                features,
                rules,
                features == null ? null : Defaults.send(features),
                Optional.empty());
    }

    /** Quantities this sensor delivers as samples: the driver's, or for a replay the mapped columns. */
    public Set<Quantity> sampleQuantities() {
        return sampleQuantities(driver, source);
    }

    /** Sample quantities plus the window features this sensor computes. */
    public Set<Quantity> measuredQuantities() {
        return SensorInvariants.measured(driver, source, features);
    }

    static Set<Quantity> sampleQuantities(Driver driver, SourceConfig source) {
        if (source instanceof SourceConfig.Replay replay) {
            Set<Quantity> mapped = EnumSet.noneOf(Quantity.class);
            mapped.addAll(replay.columns().keySet());
            return mapped;
        }
        return driver.quantities();
    }
}
