package de.dos2030.iot.collector.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Statistic;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class SeriesCsvTest {
    /** Every run tries the same values; QuickTheories prints the seed with a falsified property. */
    private static final long SEED = 20261204L;

    private static final int EXAMPLES = 1000;

    static final Instant FROM = Instant.parse("2025-03-03T08:00:00Z");

    static SeriesAnswer answer(Duration window, Aggregate aggregate, String quality, SeriesColumns... series) {
        SeriesQuery q = new SeriesQuery(
                Quantity.CO2,
                Statistic.SAMPLE,
                null,
                null,
                null,
                null,
                FROM,
                FROM.plus(Duration.ofHours(1)),
                window,
                aggregate,
                quality);
        long points = 0;
        for (SeriesColumns s : series) {
            points += s.size();
        }
        return new SeriesAnswer(q, ZoneId.of("Europe/Berlin"), List.of("raw"), points, List.of(series));
    }

    @Test
    void windowsOfOkReadingsKeepTheirColumnsAndBytes() {
        SeriesColumns s = new SeriesColumns("school-1", "gw-1", "room-1.co2", null);
        s.add(FROM.toEpochMilli(), 612.5, null);
        s.add(FROM.plusSeconds(600).toEpochMilli(), 0.0001, null);
        assertThat(SeriesCsv.write(answer(Duration.ofMinutes(10), Aggregate.MEAN, "ok", s)))
                .isEqualTo(
                        "time,local_time,site,gateway,sensor,quantity,statistic,aggregate,window,value [ppm]\r\n"
                                + "2025-03-03T08:00:00Z,2025-03-03T09:00:00+01:00,school-1,gw-1,room-1.co2,co2,sample,mean,PT10M,612.5\r\n"
                                + "2025-03-03T08:10:00Z,2025-03-03T09:10:00+01:00,school-1,gw-1,room-1.co2,co2,sample,mean,PT10M,0.0001\r\n");
    }

    @Test
    void rawPointsCarryTheQualityOfTheirReadings() {
        SeriesColumns s = new SeriesColumns("school-1", "gw-1", "room-1.co2", null);
        s.add(FROM.plusSeconds(7).toEpochMilli(), 612, "ok");
        s.add(FROM.plusMillis(14_250).toEpochMilli(), 2210, "suspect");
        assertThat(SeriesCsv.write(answer(null, null, null, s)))
                .isEqualTo(
                        "time,local_time,site,gateway,sensor,quantity,statistic,aggregate,window,value [ppm],quality\r\n"
                                + "2025-03-03T08:00:07Z,2025-03-03T09:00:07+01:00,school-1,gw-1,room-1.co2,co2,sample,none,,612,ok\r\n"
                                + "2025-03-03T08:00:14.250Z,2025-03-03T09:00:14.250+01:00,school-1,gw-1,room-1.co2,co2,sample,none,,2210,suspect\r\n");
    }

    @Test
    void rawPointsOfOkReadingsSayOkThoughInfluxDbWasNotAskedForIt() {
        SeriesColumns s = new SeriesColumns("school-1", "gw-1", "room-1.co2", null);
        s.add(FROM.plusSeconds(7).toEpochMilli(), 612, null);
        SeriesAnswer okOnly = answer(null, null, "ok", s);
        assertThat(SeriesCsv.write(okOnly))
                .isEqualTo(
                        "time,local_time,site,gateway,sensor,quantity,statistic,aggregate,window,value [ppm],quality\r\n"
                                + "2025-03-03T08:00:07Z,2025-03-03T09:00:07+01:00,school-1,gw-1,room-1.co2,co2,sample,none,,612,ok\r\n");
        assertThat(new String(SeriesJson.write(okOnly), java.nio.charset.StandardCharsets.UTF_8))
                .contains("{\"time\":\"2025-03-03T08:00:07Z\",\"value\":612.0,\"quality\":\"ok\"}");
    }

    @Test
    void windowsOfAnyQualityCarryTheQualityOfTheirSeries() {
        SeriesColumns ok = new SeriesColumns("school-1", "gw-1", "room-1.co2", "ok");
        ok.add(FROM.toEpochMilli(), 9, null);
        SeriesColumns suspect = new SeriesColumns("school-1", "gw-1", "room-1.co2", "suspect");
        suspect.add(FROM.toEpochMilli(), 2, null);
        assertThat(SeriesCsv.write(answer(Duration.ofMinutes(1), Aggregate.COUNT, null, ok, suspect)))
                .isEqualTo(
                        "time,local_time,site,gateway,sensor,quantity,statistic,aggregate,window,value [ppm],quality\r\n"
                                + "2025-03-03T08:00:00Z,2025-03-03T09:00:00+01:00,school-1,gw-1,room-1.co2,co2,sample,count,PT1M,9,ok\r\n"
                                + "2025-03-03T08:00:00Z,2025-03-03T09:00:00+01:00,school-1,gw-1,room-1.co2,co2,sample,count,PT1M,2,suspect\r\n");
    }

    @Test
    void csvNumbersArePlainDecimalsAndCountsIntegers() {
        assertThat(SeriesCsv.number(0.0001, false)).isEqualTo("0.0001");
        assertThat(SeriesCsv.number(612.0, false)).isEqualTo("612");
        assertThat(SeriesCsv.number(60.0, true)).isEqualTo("60");
        assertThat(SeriesCsv.number(1.5e7, false)).isEqualTo("15000000");
    }

    /** The fast writer writes what BigDecimal wrote before it, below 10^15 (where Java 17's Double.toString is shortest). */
    /**
     * The fast writer writes what BigDecimal wrote before it, for every normal double below 10^15
     * (where Java 17's Double.toString is the shortest text too).
     */
    @Test
    void numbersAreTheShortestPlainDecimal() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(longs().between(0x0010000000000000L, 0x7FEFFFFFFFFFFFFFL)) // every exponent
                .assuming(bits -> Double.longBitsToDouble(bits) < 1e15)
                .checkAssert(positiveNormalBits -> {
                    double v = Double.longBitsToDouble(positiveNormalBits);
                    assertThat(SeriesCsv.number(v, false))
                            .isEqualTo(new BigDecimal(Double.toString(v))
                                    .stripTrailingZeros()
                                    .toPlainString());
                    assertThat(SeriesCsv.number(-v, false)).isEqualTo("-" + SeriesCsv.number(v, false));
                });
    }

    @Test
    void zeroNegativeZeroAndTinyNumbersArePlain() {
        assertThat(SeriesCsv.number(0.0, false)).isEqualTo("0");
        assertThat(SeriesCsv.number(-0.0, false)).isEqualTo("0");
        assertThat(SeriesCsv.number(-2.5, false)).isEqualTo("-2.5");
        assertThat(SeriesCsv.number(1e-7, false)).isEqualTo("0.0000001");
        assertThat(SeriesCsv.number(-1.25e-12, false)).isEqualTo("-0.00000000000125");
        assertThat(SeriesCsv.number(7, true)).isEqualTo("7");
        assertThat(SeriesCsv.number(7.5, true)).isEqualTo("7.5");
    }

    @Test
    void fieldsHoldingCommasQuotesOrLineBreaksAreQuoted() {
        SeriesColumns s = new SeriesColumns("a,b", "say \"hi\"", "two\r\nlines", null);
        s.add(FROM.toEpochMilli(), 1, null);
        assertThat(SeriesCsv.write(answer(Duration.ofMinutes(1), Aggregate.MAX, "ok", s)))
                .endsWith(
                        "2025-03-03T08:00:00Z,2025-03-03T09:00:00+01:00,\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",co2,sample,max,PT1M,1\r\n");
    }

    /** Whatever the ids hold, an RFC 4180 reader gets back every field of every row. */
    @Test
    void readsBackAsWritten() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(
                        lists().of(strings().allPossible().ofLengthBetween(0, 12))
                                .ofSize(4),
                        doubles().between(-1e9, 1e9))
                .checkAssert((ids, value) -> readsBackAsWritten(ids.get(0), ids.get(1), ids.get(2), ids.get(3), value));
    }

    private static void readsBackAsWritten(String site, String gateway, String sensor, String quality, double value) {
        SeriesColumns s = new SeriesColumns(site, gateway, sensor, null);
        s.add(FROM.toEpochMilli(), value, quality);
        s.add(FROM.plusSeconds(1).toEpochMilli(), -value, null);
        String csv = SeriesCsv.write(answer(null, null, null, s));
        List<CSVRecord> records;
        try {
            records = CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(records).hasSize(3);
        assertThat(records.get(1).toList())
                .containsExactly(
                        FROM.toString(),
                        "2025-03-03T09:00:00+01:00",
                        site,
                        gateway,
                        sensor,
                        "co2",
                        "sample",
                        "none",
                        "",
                        SeriesCsv.number(value, false),
                        quality);
        assertThat(Double.parseDouble(records.get(1).get(9))).isEqualTo(value);
        assertThat(records.get(2).get(10)).isEmpty();
    }
}
