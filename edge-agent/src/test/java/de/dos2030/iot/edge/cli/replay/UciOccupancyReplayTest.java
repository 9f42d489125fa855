package de.dos2030.iot.edge.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.Thresholds;
import de.dos2030.iot.edge.pipeline.RecordingOutput;
import de.dos2030.iot.edge.pipeline.TestGateways;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The school example file replays the UCI occupancy training data through the CO2 rule; the test
 * reads the raw file itself and works out, row by row, when the alarm must start, escalate and end.
 */
class UciOccupancyReplayTest {

    record Row(Instant t, double co2) {}

    record Interval(Instant raised, Instant cleared) {}

    static GatewayConfig config;
    static Thresholds limits;
    static final RecordingOutput out = new RecordingOutput();

    @BeforeAll
    static void replay() throws Exception {
        config = GatewayConfigLoader.load(TestGateways.example("school-replay.yaml"));
        limits = config.sensor("office-air").orElseThrow().rules().stream()
                .filter(r -> r.id().equals("office-co2"))
                .findFirst()
                .orElseThrow()
                .thresholds();
        ReplayRun.run(config, ReplayRun.Options.max(), out, null);
    }

    /** The raw file, parsed here: header of 7 names, rows of 8 fields (a quoted id first), local Mons time. */
    static List<Row> rows() throws Exception {
        Path file = TestGateways.sharedData().resolve("uci-occupancy/datatraining.txt");
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        List<Row> rows = new ArrayList<>();
        for (String line :
                Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
            String[] p = line.split(",");
            Instant t = LocalDateTime.parse(p[1].replace("\"", ""), f)
                    .atZone(ZoneId.of("Europe/Brussels"))
                    .toInstant();
            rows.add(new Row(t, Double.parseDouble(p[5])));
        }
        return rows;
    }

    /**
     * Alarm intervals straight from the definition: raised at the first row that is at least
     * raise-after into a run of rows above the limit; cleared at the first row that is at least
     * clear-after into a run of rows at or below limit - deadband.
     */
    static List<Interval> expectedIntervals(List<Row> rows, double limit) {
        long raiseAfter = limits.raiseAfter().toSeconds();
        long clearAfter = limits.clearAfter().toSeconds();
        double clearBelow = limit - limits.deadband();
        List<Interval> out = new ArrayList<>();
        Instant runStart = null;
        Instant raised = null;
        for (Row r : rows) {
            if (raised == null) {
                runStart = r.co2() > limit ? (runStart == null ? r.t() : runStart) : null;
                if (runStart != null && r.t().getEpochSecond() - runStart.getEpochSecond() >= raiseAfter) {
                    raised = r.t();
                    runStart = null;
                }
            } else {
                runStart = r.co2() <= clearBelow ? (runStart == null ? r.t() : runStart) : null;
                if (runStart != null && r.t().getEpochSecond() - runStart.getEpochSecond() >= clearAfter) {
                    out.add(new Interval(raised, r.t()));
                    raised = null;
                    runStart = null;
                }
            }
        }
        if (raised != null) {
            out.add(new Interval(raised, null));
        }
        return out;
    }

    @Test
    void co2AlarmsMatchTheIntervalsComputedFromTheRawFile() throws Exception {
        List<Interval> expected =
                expectedIntervals(rows(), limits.warningAbove().orElseThrow());
        assertThat(expected)
                .as("the data set has occupied periods past 1000 ppm")
                .hasSizeGreaterThanOrEqualTo(3);

        List<AlertEvent> events = out.alerts("office-co2");
        List<Interval> actual = new ArrayList<>();
        java.util.Map<String, Instant> open = new java.util.LinkedHashMap<>();
        for (AlertEvent e : events) {
            if (e.state() == AlertState.RAISED) {
                open.putIfAbsent(e.alertId(), e.time());
            } else {
                actual.add(new Interval(open.remove(e.alertId()), e.time()));
            }
        }
        open.values().forEach(t -> actual.add(new Interval(t, null)));
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void criticalEscalationsMatchTheRunsAbove2000Ppm() throws Exception {
        double critical = limits.criticalAbove().orElseThrow();
        List<Instant> expected = expectedIntervals(rows(), critical).stream()
                .map(Interval::raised)
                .toList();
        List<Instant> actual = out.alerts("office-co2").stream()
                .filter(e -> e.state() == AlertState.RAISED && e.severity() == Severity.CRITICAL)
                .map(AlertEvent::time)
                .toList();
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void everyRowBecomesARawReadingWithItsRecordedTime() throws Exception {
        List<Row> rows = rows();
        var co2 = out.readings(de.dos2030.iot.model.Quantity.CO2, de.dos2030.iot.model.Statistic.SAMPLE);
        assertThat(co2).hasSize(rows.size());
        assertThat(co2.get(0).time()).isEqualTo(rows.get(0).t());
        assertThat(co2.get(co2.size() - 1).value())
                .isEqualTo(rows.get(rows.size() - 1).co2());
    }
}
