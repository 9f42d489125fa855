package de.dos2030.iot.collector.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Statistic;
import io.micronaut.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InfluxSeriesParserTest {
    /** Shaped like InfluxDB 1.6's answer to a grouped SELECT with epoch=ms. */
    static final String ANSWER = """
            {"results":[{"statement_id":0,"series":[
              {"name":"co2","tags":{"gateway":"gw-1","sensor":"room-1.co2","site":"school-1"},"columns":["time","value"],
               "values":[[1740787200000,612.5],[1740787260000,null],[1740787320000,615]]},
              {"name":"co2","tags":{"gateway":"gw-1","sensor":"room-2.co2","site":"school-1"},"columns":["time","value"],
               "values":[[1740787200000,1.0E-4]]}]}]}
            """;

    static List<SeriesColumns> parse(String json, int maxPoints) throws IOException {
        return InfluxSeriesParser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), maxPoints);
    }

    @Test
    void readsEverySeriesWithItsTagsAndLeavesOutNullValues() throws IOException {
        List<SeriesColumns> series = parse(ANSWER, 100);
        assertThat(series).extracting(SeriesColumns::sensor).containsExactly("room-1.co2", "room-2.co2");
        SeriesColumns first = series.get(0);
        assertThat(first.site()).isEqualTo("school-1");
        assertThat(first.gateway()).isEqualTo("gw-1");
        assertThat(first.size()).isEqualTo(2);
        assertThat(first.time(1)).isEqualTo(1740787320000L);
        assertThat(first.value(1)).isEqualTo(615.0);
        assertThat(series.get(1).value(0)).isEqualTo(1e-4);
    }

    @Test
    void stopsAsSoonAsTheAnswerPassesThePointLimit() {
        assertThatThrownBy(() -> parse(ANSWER, 2))
                .isInstanceOf(TooManyPointsException.class)
                .hasMessageContaining("over the limit of 2 points");
    }

    @Test
    void missingDatabaseIsAnEmptyAnswerAndOtherErrorsFail() throws IOException {
        assertThat(parse("{\"results\":[{\"statement_id\":0,\"error\":\"database not found: x\"}]}", 10))
                .isEmpty();
        assertThat(parse("{\"results\":[{\"statement_id\":0}]}", 10)).isEmpty();
        assertThatThrownBy(() -> parse("{\"results\":[{\"statement_id\":0,\"error\":\"invalid operation\"}]}", 10))
                .isInstanceOf(InfluxReader.QueryFailedException.class)
                .hasMessageContaining("invalid operation");
        assertThatThrownBy(() -> parse("{\"error\":\"error parsing query: found EOF\"}", 10))
                .isInstanceOf(InfluxReader.QueryFailedException.class)
                .hasMessageContaining("error parsing query");
        assertThatThrownBy(() -> parse("[1,2]", 10)).isInstanceOf(IOException.class);
    }

    @Test
    void jsonAnswerHasTheShapeOfSeriesResult() throws IOException {
        Instant from = Instant.parse("2025-03-01T00:00:00Z");
        SeriesQuery q = new SeriesQuery(
                Quantity.CO2,
                Statistic.SAMPLE,
                null,
                null,
                null,
                null,
                from,
                from.plus(Duration.ofDays(1)),
                Duration.ofMinutes(1),
                Aggregate.MEAN,
                "ok");
        byte[] json = SeriesJson.write(new SeriesAnswer(q, 3, parse(ANSWER, 100)));
        SeriesResult r = JsonMapper.createDefault().readValue(json, SeriesResult.class);
        assertThat(r.quantity()).isEqualTo("co2");
        assertThat(r.unit()).isEqualTo("ppm");
        assertThat(r.aggregate()).isEqualTo("mean");
        assertThat(r.window()).isEqualTo("PT1M");
        assertThat(r.from()).isEqualTo(from);
        assertThat(r.points()).isEqualTo(3);
        assertThat(r.series().get(0).points())
                .containsExactly(
                        new SeriesResult.Point(Instant.ofEpochMilli(1740787200000L), 612.5, null),
                        new SeriesResult.Point(Instant.ofEpochMilli(1740787320000L), 615.0, null));
        assertThat(r.series().get(0).quality()).isNull();
        assertThat(new String(json, StandardCharsets.UTF_8))
                .startsWith("{\"quantity\":\"co2\",\"unit\":\"ppm\",\"statistic\":\"sample\","
                        + "\"aggregate\":\"mean\",\"window\":\"PT1M\",\"from\":\"2025-03-01T00:00:00Z\",\"to\":\"2025-03-02T00:00:00Z\","
                        + "\"quality\":\"ok\",\"zone\":\"Z\",\"sources\":[\"raw\"],\"points\":3,\"series\":[{\"site\":\"school-1\",\"gateway\":\"gw-1\",\"sensor\":\"room-1.co2\","
                        + "\"points\":[{\"time\":\"2025-03-01T00:00:00Z\",\"value\":612.5}");
        assertThat(new String(json, StandardCharsets.UTF_8)).doesNotContain("\"quality\":\"ok\"}");
    }

    /** The answer to a raw SELECT with the quality tag beside the value. */
    static final String RAW_ANSWER = """
            {"results":[{"statement_id":0,"series":[
              {"name":"co2","tags":{"gateway":"gw-1","sensor":"room-1.co2","site":"school-1"},"columns":["time","value","quality"],
               "values":[[1740787207000,612.5,"ok"],[1740787214000,null,"ok"],[1740787221000,2210,"suspect"],[1740787228000,615,null]]}]}]}
            """;

    @Test
    void readsEachPointsQualityFromTheQualityColumn() throws IOException {
        SeriesColumns s = parse(RAW_ANSWER, 100).get(0);
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.quality(0)).isEqualTo("ok");
        assertThat(s.value(1)).isEqualTo(2210.0);
        assertThat(s.quality(1)).isEqualTo("suspect");
        assertThat(s.quality(2)).isNull();
        assertThat(s.quality()).isNull();
        assertThat(parse(ANSWER, 100).get(0).quality(0)).isNull();
    }

    @Test
    void windowsGroupedByQualityCarryItAsATag() throws IOException {
        SeriesColumns s = parse("""
                {"results":[{"statement_id":0,"series":[
                  {"name":"co2","tags":{"gateway":"gw-1","quality":"suspect","sensor":"room-1.co2","site":"school-1"},
                   "columns":["time","value"],"values":[[1740787200000,2]]}]}]}
                """, 100).get(0);
        assertThat(s.quality()).isEqualTo("suspect");
        assertThat(s.quality(0)).isNull();
    }

    @Test
    void rawJsonPointsCarryTheirQuality() throws IOException {
        Instant from = Instant.ofEpochMilli(1740787200000L);
        SeriesQuery q = new SeriesQuery(
                Quantity.CO2, Statistic.SAMPLE, null, null, null, null, from, from.plusSeconds(60), null, null, null);
        byte[] json = SeriesJson.write(new SeriesAnswer(q, 3, parse(RAW_ANSWER, 100)));
        SeriesResult r = JsonMapper.createDefault().readValue(json, SeriesResult.class);
        assertThat(r.aggregate()).isEqualTo("none");
        assertThat(r.quality()).isEqualTo("any");
        assertThat(r.series().get(0).quality()).isNull();
        assertThat(r.series().get(0).points())
                .extracting(SeriesResult.Point::quality)
                .containsExactly("ok", "suspect", null);
        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"points\":[{\"time\":\"2025-03-01T00:00:07Z\",\"value\":612.5,\"quality\":\"ok\"},");
    }

    @Test
    void jsonSeriesOfWindowsOfAnyQualityCarryTheirQuality() throws IOException {
        Instant from = Instant.ofEpochMilli(1740787200000L);
        SeriesQuery q = new SeriesQuery(
                Quantity.CO2,
                Statistic.SAMPLE,
                null,
                null,
                null,
                null,
                from,
                from.plusSeconds(60),
                Duration.ofMinutes(1),
                Aggregate.COUNT,
                null);
        SeriesColumns suspect = new SeriesColumns("school-1", "gw-1", "room-1.co2", "suspect");
        suspect.add(from.toEpochMilli(), 2, null);
        byte[] json = SeriesJson.write(new SeriesAnswer(q, 1, List.of(suspect)));
        assertThat(new String(json, StandardCharsets.UTF_8))
                .endsWith("\"series\":[{\"site\":\"school-1\",\"gateway\":\"gw-1\",\"sensor\":\"room-1.co2\","
                        + "\"quality\":\"suspect\",\"points\":[{\"time\":\"2025-03-01T00:00:00Z\",\"value\":2.0}]}]}");
        SeriesResult r = JsonMapper.createDefault().readValue(json, SeriesResult.class);
        assertThat(r.series().get(0).quality()).isEqualTo("suspect");
        assertThat(r.series().get(0).points().get(0).quality()).isNull();
    }
}
