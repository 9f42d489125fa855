package de.dos2030.iot.collector.condition;

import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The condition-monitoring core, free of Micronaut and databases: stored bridge readings in, baselines,
 * alerts and state out through a {@link ConditionPort}. Each followed reading (a mode frequency of quality
 * OK, a strain or tilt value) is paired with the gateway's temperature nearest in time and added to its
 * feature's open bin; a bin closes when a reading of a later bin arrives. A closed bin either counts towards
 * the baseline being learned or is compared with the baseline: residual = median - (a + b * temperature).
 * Thread-safe: every public method holds the engine's lock (an update costs well under a microsecond per
 * reading, see collector/README.md).
 */
public final class ConditionEngine {
    private final ConditionConfig config;
    private final ConditionPort port;
    private final Clock clock;
    private final long binMs;
    private final long pairMs;
    private final ShiftDetector shift;
    private final Map<SeriesKey, Series> series = new HashMap<>();
    /** Per gateway its latest temperature, {time, value}. */
    private final Map<String, double[]> lastTemperature = new HashMap<>();

    private final Map<String, Coverage> coverage = new HashMap<>();

    public ConditionEngine(ConditionConfig config, ConditionPort port, Clock clock) {
        this.config = config;
        this.port = port;
        this.clock = clock;
        this.binMs = config.bin().toMillis();
        this.pairMs = config.pairingWindow().toMillis();
        this.shift = new ShiftDetector(config.cusumSlack(), config.cusumLimit(), config.minDuration());
    }

    /** Puts back a feature as the store kept it (at start-up). */
    public synchronized void restore(SeriesRecord r, List<BinPoint> learningBins, Baseline latest) {
        Series s = new Series(r.key(), r.gatewayId());
        s.learning = r.learning();
        s.learningSince = r.learningSince();
        s.learningStarted = r.learningStarted();
        s.detector = r.detector();
        s.last = r.last();
        s.baseline = latest;
        s.learningBins.addAll(learningBins);
        series.put(r.key(), s);
    }

    /** The stored readings of one batch of a bridge gateway, in any order. */
    public synchronized void accept(String gatewayId, String siteId, List<Reading> readings) {
        Temperatures temperatures = Temperatures.of(readings, lastTemperature.get(gatewayId));
        Set<Window> windows = new HashSet<>();
        for (Reading r : readings) {
            Quantity q = r.quantity();
            Feature f = q == null ? null : Feature.of(q);
            if (q == Quantity.VIBRATION_RMS || (f != null && f.isMode())) {
                if (windows.add(new Window(r.sensorId(), r.time().toEpochMilli()))) {
                    coverageOf(siteId, r.sensorId()).window(binStart(r.time().toEpochMilli()));
                }
            }
            if (f == null || r.quality() != Quality.OK || !Double.isFinite(r.value())) {
                continue;
            }
            boolean usable = f.isMode()
                    ? r.statistic() == Statistic.SAMPLE
                    : r.statistic() == Statistic.SAMPLE || r.statistic() == Statistic.MEAN;
            if (!usable) {
                continue;
            }
            long t = r.time().toEpochMilli();
            if (f.isMode()) {
                coverageOf(siteId, r.sensorId()).good(binStart(t), f.ordinal());
            }
            double temperature = temperatures.nearest(t, pairMs);
            if (Double.isNaN(temperature)) {
                continue; // no temperature close enough: an unpaired frequency would bias the baseline
            }
            add(new SeriesKey(siteId, r.sensorId(), f), gatewayId, t, r.value(), temperature);
        }
        double[] latest = temperatures.latest();
        if (latest != null) {
            lastTemperature.put(gatewayId, latest);
        }
        long oldest = binStart(clock.millis()) - Duration.ofDays(1).toMillis();
        coverage.values().forEach(c -> c.prune(oldest));
    }

    /** One vibration window of one sensor: several of its readings share it. */
    private record Window(String sensorId, long time) {}

    private long binStart(long t) {
        return Math.floorDiv(t, binMs) * binMs;
    }

    private Coverage coverageOf(String siteId, String sensorId) {
        return coverage.computeIfAbsent(siteId + '\u0000' + sensorId, k -> new Coverage());
    }

    private void add(SeriesKey key, String gatewayId, long t, double value, double temperature) {
        Series s = series.computeIfAbsent(key, k -> new Series(k, gatewayId));
        s.gatewayId = gatewayId;
        long start = binStart(t);
        if (start < s.openStart || (s.last != null && start <= s.last.start().toEpochMilli())) {
            return; // a late reading of a bin already closed (also before a restart): bins only move forward
        }
        if (start > s.openStart) {
            BinPoint closed = s.openStart == Long.MIN_VALUE ? null : s.close();
            s.openStart = start;
            if (closed != null) {
                closed(s, closed);
            }
        }
        s.add(value, temperature);
    }

    private void closed(Series s, BinPoint p) {
        s.last = p;
        if (s.learning) {
            learn(s, p);
        } else {
            detect(s, p);
        }
        port.seriesMoved(s.record());
    }

    private void learn(Series s, BinPoint p) {
        if (s.learningSince != null && p.start().isBefore(s.learningSince)) {
            return;
        }
        if (s.learningStarted == null) {
            s.learningStarted = p.start();
        }
        s.learningBins.add(p);
        port.learningBin(s.key, p);
        Instant end = s.learningStarted.plus(config.learningPeriod());
        if (p.start().isBefore(end) || s.learningBins.size() < config.minLearningBins()) {
            return;
        }
        int n = s.learningBins.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double tMin = Double.POSITIVE_INFINITY;
        double tMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            BinPoint b = s.learningBins.get(i);
            x[i] = b.temperature();
            y[i] = b.value();
            tMin = Math.min(tMin, x[i]);
            tMax = Math.max(tMax, x[i]);
        }
        RobustLine line = RobustLine.fit(x, y, n, s.key.feature().quantity().resolution());
        Baseline b = new Baseline(
                s.key.siteId(),
                s.key.sensorId(),
                s.key.feature().wireName(),
                s.baseline == null ? 1 : s.baseline.version() + 1,
                s.gatewayId,
                line.intercept(),
                line.slope(),
                line.sigma(),
                n,
                tMin,
                tMax,
                s.learningStarted,
                p.start().plusMillis(binMs),
                clock.instant());
        s.baseline = b;
        s.learning = false;
        s.learningBins.clear();
        port.baselineLearned(b);
        if (s.detector.alarmed()) {
            port.alert(new ConditionAlert(
                    s.key,
                    s.gatewayId,
                    Step.CLEAR,
                    s.detector.alertId(),
                    0,
                    s.key.feature().isMode() ? null : config.offsetLimit(s.key.feature()),
                    b.learnedTo(),
                    describe(s.key) + ": cleared by re-baselining, baseline v" + b.version() + " learned from "
                            + b.learnedFrom() + " to " + b.learnedTo()));
        }
        s.detector = DetectorState.CALM;
    }

    private void detect(Series s, BinPoint p) {
        Feature f = s.key.feature();
        double predicted = s.baseline.intercept() + s.baseline.slope() * p.temperature();
        double residual = p.value() - predicted;
        Instant t = p.start().plusMillis(binMs);
        String raiseId = "srv." + f.alertRule() + "." + s.key.sensorId() + "." + f.wireName() + "."
                + p.start().toEpochMilli();
        ShiftDetector.Result r = f.isMode()
                ? shift.step(
                        s.detector,
                        residual / s.baseline.sigma(),
                        config.minShift() / 100 * Math.abs(predicted) / 2 / s.baseline.sigma(),
                        t,
                        raiseId)
                : new OffsetDetector(config.offsetLimit(f), config.settlementDuration())
                        .step(s.detector, residual, t, raiseId);
        String alertId =
                r.step() == Step.CLEAR ? s.detector.alertId() : r.state().alertId();
        if (r.step() == Step.NONE) {
            s.detector = r.state();
            return;
        }
        double percent = 100 * residual / predicted;
        String unit = f.quantity().unit();
        String message = f.isMode()
                ? String.format(
                        Locale.ROOT,
                        "%s: %s %.3f Hz is %+.2f %% (%+.1f sigma) off its temperature-compensated baseline v%d"
                                + " (%.3f Hz at %.1f degC)%s",
                        describe(s.key),
                        r.step() == Step.RAISE ? "frequency" : "frequency back within limits:",
                        p.value(),
                        percent,
                        residual / s.baseline.sigma(),
                        s.baseline.version(),
                        predicted,
                        p.temperature(),
                        r.step() == Step.RAISE ? " for at least " + config.minDuration() : "")
                : String.format(
                        Locale.ROOT,
                        "%s: offset %+.3f %s against baseline v%d (limit %.3f %s) for at least %s: check the supports",
                        describe(s.key),
                        residual,
                        unit,
                        s.baseline.version(),
                        config.offsetLimit(f),
                        unit,
                        config.settlementDuration());
        port.alert(new ConditionAlert(
                s.key,
                s.gatewayId,
                r.step(),
                alertId,
                f.isMode() ? percent : residual,
                f.isMode() ? null : config.offsetLimit(f),
                t,
                message));
        s.detector = r.state(); // only once the alert is recorded: if that failed, the next bin tries again
    }

    private static String describe(SeriesKey k) {
        return k.feature().wireName() + " of sensor '" + k.sensorId() + "' at bridge '" + k.siteId() + "'";
    }

    /**
     * Starts a new learning period for the features of {@code siteId} that match (null: any sensor or feature).
     * Bins before {@code since} (data time) do not count. An open alert stays open until the new baseline
     * is learned, then clears.
     *
     * @return the features that now learn
     */
    public synchronized List<SeriesKey> relearn(String siteId, String sensorId, Feature feature, Instant since) {
        List<SeriesKey> keys = new ArrayList<>();
        for (Series s : series.values()) {
            SeriesKey k = s.key;
            if (k.siteId().equals(siteId)
                    && (sensorId == null || k.sensorId().equals(sensorId))
                    && (feature == null || k.feature() == feature)) {
                s.learning = true;
                s.learningSince = since;
                s.learningStarted = null;
                s.learningBins.clear();
                // Keep an open alert: it clears when the new baseline is in place.
                s.detector = new DetectorState(0, 0, null, null, s.detector.alertId());
                port.seriesMoved(s.record());
                keys.add(k);
            }
        }
        keys.sort(Comparator.comparing(SeriesKey::sensorId).thenComparing(SeriesKey::feature));
        return keys;
    }

    /** Where each followed feature of {@code siteId} stands, by sensor then feature. */
    public synchronized List<FeatureStatus> status(String siteId) {
        long dayAgo = clock.millis() - Duration.ofDays(1).toMillis();
        List<FeatureStatus> out = new ArrayList<>();
        for (Series s : series.values()) {
            if (!s.key.siteId().equals(siteId)) {
                continue;
            }
            Feature f = s.key.feature();
            BinPoint p = s.last;
            Baseline b = s.baseline;
            Double predicted = p == null || b == null ? null : b.intercept() + b.slope() * p.temperature();
            Double residual = predicted == null ? null : p.value() - predicted;
            Coverage c = coverage.get(siteId + '\u0000' + s.key.sensorId());
            out.add(new FeatureStatus(
                    s.key.sensorId(),
                    f.wireName(),
                    f.quantity().unit(),
                    s.state(),
                    p == null ? null : p.start().plusMillis(binMs),
                    p == null ? null : p.value(),
                    p == null ? null : p.temperature(),
                    predicted,
                    residual,
                    residual == null || !f.isMode() ? null : 100 * residual / predicted,
                    residual == null ? null : residual / b.sigma(),
                    f.isMode() && c != null ? c.share(f.ordinal(), dayAgo) : null,
                    b == null ? null : b.version(),
                    f.isMode() ? null : config.offsetLimit(f)));
        }
        out.sort(Comparator.comparing(FeatureStatus::sensorId).thenComparing(x -> Feature.parse(x.feature())));
        return out;
    }
}
