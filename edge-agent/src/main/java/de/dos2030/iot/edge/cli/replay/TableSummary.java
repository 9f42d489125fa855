package de.dos2030.iot.edge.cli.replay;

import de.dos2030.iot.edge.pipeline.PipelineOutput;
import de.dos2030.iot.edge.pipeline.SpectrumListener;
import de.dos2030.iot.edge.pipeline.feature.SpectrumAnalyzer;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.WireNames;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The readable replay summary: every alert from raise to clear with its severity path and
 * duration, the range of each emitted series, and per vibration sensor the strongest spectral
 * peaks of its most energetic window. This is what an engineer reads to tune limits.
 */
public final class TableSummary implements PipelineOutput, SpectrumListener {

    private final Map<String, AlertRow> alerts = new LinkedHashMap<>();
    private final Map<String, SeriesRow> series = new TreeMap<>();
    private final Map<String, String> peaks = new TreeMap<>();
    private final Map<String, Double> peakEnergy = new TreeMap<>();

    private static final class AlertRow {
        final AlertEvent first;
        final List<String> path = new ArrayList<>();
        Instant cleared;
        String lastMessage;

        AlertRow(AlertEvent first) {
            this.first = first;
        }
    }

    private static final class SeriesRow {
        long count;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        Instant minAt;
        Instant maxAt;
        String unit;
    }

    @Override
    public void reading(Reading r) {
        String key = r.sensorId() + "  " + r.quantity().wireName() + " " + WireNames.of(r.statistic());
        SeriesRow s = series.computeIfAbsent(key, k -> new SeriesRow());
        s.count++;
        s.unit = r.quantity().unit();
        if (r.value() < s.min) {
            s.min = r.value();
            s.minAt = r.time();
        }
        if (r.value() > s.max) {
            s.max = r.value();
            s.maxAt = r.time();
        }
    }

    @Override
    public void alert(AlertEvent e) {
        AlertRow row = alerts.computeIfAbsent(e.alertId(), id -> new AlertRow(e));
        row.lastMessage = e.message();
        if (e.state() == AlertState.RAISED) {
            row.path.add(WireNames.of(e.severity()));
        } else {
            row.cleared = e.time();
        }
    }

    @Override
    public void spectrum(String sensorId, Instant windowEnd, SpectrumAnalyzer spectrum) {
        double energy = spectrum.peakCount() == 0 ? 0 : spectrum.peakMagnitude(0);
        if (energy <= peakEnergy.getOrDefault(sensorId, -1.0)) {
            return;
        }
        peakEnergy.put(sensorId, energy);
        StringBuilder b = new StringBuilder(String.format(
                Locale.ROOT, "window ending %s: dominant %.3f Hz; peaks", windowEnd, spectrum.dominantHz()));
        if (spectrum.peakCount() == 0) {
            b.append(" none above the noise floor");
        }
        for (int i = 0; i < spectrum.peakCount(); i++) {
            b.append(String.format(
                    Locale.ROOT,
                    " %.3f Hz (%.0fx floor)",
                    spectrum.peakHz(i),
                    spectrum.peakMagnitude(i) / Math.max(spectrum.noiseFloor(), Double.MIN_NORMAL)));
        }
        peaks.put(sensorId, b.toString());
    }

    public void print(PrintWriter out, ReplayRun.Coverage coverage) {
        out.printf(
                Locale.ROOT,
                "Replayed %s .. %s (%s recorded), %d samples, %d source faults%n%n",
                coverage.recordedStart(),
                coverage.recordedEnd(),
                human(Duration.between(coverage.recordedStart(), coverage.recordedEnd())),
                coverage.samples(),
                coverage.faults());
        out.printf("Alerts (%d)%n", alerts.size());
        if (alerts.isEmpty()) {
            out.println("  none");
        }
        for (AlertRow a : alerts.values()) {
            AlertEvent f = a.first;
            out.printf(
                    Locale.ROOT,
                    "  %-22s %-18s %-9s raised %s  %s  %s%n      %s%n",
                    f.ruleId(),
                    f.sensorId(),
                    String.join(">", a.path),
                    f.time(),
                    a.cleared == null ? "still active" : "cleared " + a.cleared,
                    a.cleared == null ? "" : "(" + human(Duration.between(f.time(), a.cleared)) + ")",
                    a.lastMessage);
        }
        out.printf("%nSeries (count, min .. max)%n");
        for (Map.Entry<String, SeriesRow> e : series.entrySet()) {
            SeriesRow s = e.getValue();
            out.printf(Locale.ROOT, "  %-45s %7d  %12.6g .. %-12.6g %s%n", e.getKey(), s.count, s.min, s.max, s.unit);
        }
        if (!peaks.isEmpty()) {
            out.printf("%nSpectra (the window with the strongest peak)%n");
            peaks.forEach((sensor, text) -> out.printf("  %-18s %s%n", sensor, text));
        }
        out.flush();
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 7200 ? s / 3600 + " h " + (s % 3600) / 60 + " min" : s >= 120 ? s / 60 + " min" : s + " s";
    }
}
