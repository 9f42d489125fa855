package de.dos2030.iot.collector.condition;

import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A bridge's condition: each tracked mode (frequency against its temperature-compensated baseline,
 * coverage) and each strain or tilt sensor's offset. JSON as is; {@link #csv()} for spreadsheets.
 */
@Serdeable
public record ConditionSummary(
        String siteId, Instant generatedAt, List<FeatureStatus> modes, List<FeatureStatus> offsets) {

    static ConditionSummary of(String siteId, Instant now, List<FeatureStatus> all) {
        return new ConditionSummary(
                siteId,
                now,
                all.stream().filter(s -> Feature.parse(s.feature()).isMode()).toList(),
                all.stream().filter(s -> !Feature.parse(s.feature()).isMode()).toList());
    }

    private static final String[] HEADER = {
        "site",
        "sensor",
        "feature",
        "unit",
        "state",
        "time",
        "value",
        "temperature_degC",
        "predicted",
        "residual",
        "residual_percent",
        "residual_sigma",
        "coverage",
        "baseline_version",
        "limit"
    };

    /** RFC 4180 CSV, one row per feature (modes first), empty fields where a figure does not apply. */
    public String csv() {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(
                out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            for (List<FeatureStatus> part : List.of(modes, offsets)) {
                for (FeatureStatus s : part) {
                    p.printRecord(
                            siteId,
                            s.sensorId(),
                            s.feature(),
                            s.unit(),
                            s.state(),
                            s.time() == null ? "" : s.time().toString(),
                            orEmpty(s.value()),
                            orEmpty(s.temperature()),
                            orEmpty(s.predicted()),
                            orEmpty(s.residual()),
                            orEmpty(s.residualPercent()),
                            orEmpty(s.residualSigma()),
                            orEmpty(s.coverage()),
                            s.baselineVersion() == null ? "" : s.baselineVersion(),
                            orEmpty(s.limit()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the condition CSV to memory failed", e);
        }
        return out.toString();
    }

    private static Object orEmpty(Double d) {
        return d == null ? "" : d;
    }
}
