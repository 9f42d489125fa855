package de.dos2030.iot.model.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;

import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Severity;
import de.dos2030.iot.model.Statistic;
import de.dos2030.iot.model.ValidBatches;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ValidatorTest {
    /** Every run tries the same batches; QuickTheories prints the seed with a falsified property. */
    private static final long SEED = 20261204L;

    private static final Instant NOW = ValidBatches.NOW;
    private final Validator validator = new Validator(Clock.fixed(NOW, ZoneOffset.UTC));

    /** One way to break a reading, and the message the Validator must give for it at that reading's path. */
    enum ReadingDefect {
        NAN(r -> with(r, Double.NaN), ".value: NaN is not allowed"),
        INFINITE(r -> with(r, Double.POSITIVE_INFINITY), ".value: infinity is not allowed"),
        IMPLAUSIBLE(r -> with(r, r.quantity().max() + 1), ".value: "),
        BEFORE_2020(
                r -> at(r, Instant.parse("2019-12-31T23:59:59Z")),
                ".time: 2019-12-31T23:59:59Z is before 2020-01-01T00:00:00Z: check the gateway clock"),
        FAR_FUTURE(
                r -> at(r, NOW.plusSeconds(3600)),
                ".time: 2026-11-27T13:00:00Z is more than 5 minutes in the future: check the gateway clock"),
        EMPTY_SENSOR(r -> sensor(r, ""), ".sensorId: must not be empty"),
        LONG_SENSOR(r -> sensor(r, "s".repeat(65)), ".sensorId: is 65 characters long, at most 64 allowed"),
        HOSTILE_SENSOR(
                r -> sensor(r, "a\",tag=x"),
                ".sensorId: 'a\",tag=x' has characters outside A-Z a-z 0-9 . _ - (or does not start with a letter or digit)"),
        MISSING_QUANTITY(
                r -> new Reading(r.sensorId(), null, r.statistic(), r.time(), r.value(), r.quality()),
                ".quantity: is missing"),
        MISSING_QUALITY(
                r -> new Reading(r.sensorId(), r.quantity(), r.statistic(), r.time(), r.value(), null),
                ".quality: is missing");

        final UnaryOperator<Reading> breakIt;
        final String expected;

        ReadingDefect(UnaryOperator<Reading> breakIt, String expected) {
            this.breakIt = breakIt;
            this.expected = expected;
        }
    }

    @Test
    void namesEveryBrokenReadingByItsPath() {
        qt().withFixedSeed(SEED)
                .withExamples(1000)
                .forAll(
                        ValidBatches.gen().assuming(b -> !b.readings().isEmpty()),
                        arbitrary().enumValues(ReadingDefect.class),
                        integers().between(0, 10_000))
                .checkAssert(this::namesTheBrokenReadingByItsPath);
    }

    private void namesTheBrokenReadingByItsPath(Batch batch, ReadingDefect defect, int pick) {
        List<Reading> readings = new ArrayList<>(batch.readings());
        int k = pick % readings.size();
        Reading broken = defect.breakIt.apply(readings.get(k));
        readings.set(k, broken);
        Batch corrupted = copy(batch, readings);
        int at = corrupted.readings().indexOf(broken); // canonical order may have moved it

        ValidationReport report = validator.validate(corrupted);

        assertThat(report.problems()).hasSize(1);
        assertThat(report.problems().get(0).toString()).startsWith("readings[" + at + "]" + defect.expected);
        assertThat(report.envelopeValid()).isTrue();
        assertThat(report.invalidReadings()).containsExactly(broken);
        assertThat(report.readingProblems(at)).isEqualTo(report.problems());
        assertThat(report.validReadings()).hasSize(readings.size() - 1);
    }

    @Test
    void reportsEveryProblemNotJustTheFirst() {
        Instant t = NOW.minusSeconds(60);
        Batch batch = new Batch(
                2,
                "",
                "site-1",
                "boot-1",
                -1,
                t,
                null,
                List.of(
                        Reading.sample("s1", Quantity.CO2, t, Double.NaN),
                        Reading.sample("s1", Quantity.CO2, t.plusSeconds(10), 800),
                        Reading.sample("s1", Quantity.CO2, t.plusSeconds(10), 800)),
                List.of(new AlertEvent(
                        "a1",
                        "co2-high",
                        "s1",
                        Quantity.CO2,
                        null,
                        AlertState.RAISED,
                        Double.NEGATIVE_INFINITY,
                        1000.0,
                        t,
                        "")),
                null);

        assertThat(validator.validate(batch).problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "formatVersion: unsupported version 2 (allowed: 1)",
                        "gatewayId: must not be empty",
                        "sequence: must be >= 0, was -1",
                        "clockSync: is missing",
                        "readings[0].value: NaN is not allowed",
                        "readings[2]: duplicate of an earlier reading (same sensor, quantity, statistic and time)",
                        "alerts[0].severity: is missing",
                        "alerts[0].value: infinity is not allowed");
        assertThat(validator.validate(batch).envelopeValid()).isFalse();
    }

    @Test
    void findsDuplicatesWhereverTheGatewayPutThemAndPastABrokenTwin() {
        Instant t = NOW.minusSeconds(60);
        Reading a = Reading.sample("s1", Quantity.CO2, t, 600);
        Reading b = Reading.sample("s2", Quantity.CO2, t, 610);
        Reading broken = Reading.sample("s1", Quantity.CO2, t, Double.NaN);
        // Sent interleaved: the batch groups each series, so the twins meet with the broken one between them.
        Batch batch = new Batch(
                1,
                "gw-1",
                "site-1",
                "boot-1",
                0,
                NOW,
                ClockSync.SYNCED,
                List.of(a, b, broken, a, b, a),
                List.of(),
                null);

        ValidationReport report = validator.validate(batch);

        assertThat(report.problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "readings[1].value: NaN is not allowed",
                        "readings[2]: duplicate of an earlier reading (same sensor, quantity, statistic and time)",
                        "readings[3]: duplicate of an earlier reading (same sensor, quantity, statistic and time)",
                        "readings[5]: duplicate of an earlier reading (same sensor, quantity, statistic and time)");
        assertThat(report.validReadings()).containsExactly(a, b);
    }

    @Test
    void findsADuplicateSentAcrossReadingsWithoutATime() {
        Instant t = NOW.minusSeconds(60);
        Reading early = Reading.sample("s1", Quantity.CO2, t.minusSeconds(10), 590);
        Reading late = Reading.sample("s1", Quantity.CO2, t, 600);
        Reading timeless = new Reading("s1", Quantity.CO2, Statistic.SAMPLE, null, 1, Quality.OK);
        Batch batch = new Batch(
                1,
                "gw-1",
                "site-1",
                "boot-1",
                0,
                NOW,
                ClockSync.SYNCED,
                List.of(late, timeless, early, timeless, late),
                List.of(),
                null);

        assertThat(validator.validate(batch).problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "readings[0].time: is missing",
                        "readings[1].time: is missing",
                        "readings[4]: duplicate of an earlier reading (same sensor, quantity, statistic and time)");
    }

    @Test
    void acceptsAWellFormedBatch() {
        Instant t = NOW.minusSeconds(60);
        Batch batch = new Batch(
                1,
                "gw-1",
                "school-1",
                "boot-1",
                0,
                t,
                ClockSync.SYNCED,
                List.of(new Reading("room-1.co2", Quantity.CO2, Statistic.MEAN, t, 812, Quality.OK)),
                List.of(new AlertEvent(
                        "a1",
                        "co2-high",
                        "room-1.co2",
                        Quantity.CO2,
                        Severity.WARNING,
                        AlertState.RAISED,
                        1012.0,
                        1000.0,
                        t,
                        "CO2 above 1000 ppm")),
                null);
        assertThat(validator.validate(batch).isValid()).isTrue();
    }

    @Test
    void namesAnImplausibleValueWithTheAllowedRange() {
        Instant t = NOW.minusSeconds(60);
        Batch batch = new Batch(
                1,
                "gw-1",
                "school-1",
                "boot-1",
                0,
                t,
                ClockSync.SYNCED,
                List.of(Reading.sample("room-1.rh", Quantity.RELATIVE_HUMIDITY, t, 104.5)),
                List.of(),
                null);
        assertThat(validator.validate(batch).problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "readings[0].value: 104.5 % is outside the plausible range of humidity (allowed: 0.0 to 100.0)");
    }

    private static Batch copy(Batch b, List<Reading> readings) {
        return new Batch(
                b.formatVersion(),
                b.gatewayId(),
                b.siteId(),
                b.bootId(),
                b.sequence(),
                b.createdAt(),
                b.clockSync(),
                readings,
                b.alerts(),
                b.health());
    }

    private static Reading with(Reading r, double value) {
        return new Reading(r.sensorId(), r.quantity(), r.statistic(), r.time(), value, r.quality());
    }

    private static Reading at(Reading r, Instant time) {
        return new Reading(r.sensorId(), r.quantity(), r.statistic(), time, r.value(), r.quality());
    }

    private static Reading sensor(Reading r, String sensorId) {
        return new Reading(sensorId, r.quantity(), r.statistic(), r.time(), r.value(), r.quality());
    }
}
