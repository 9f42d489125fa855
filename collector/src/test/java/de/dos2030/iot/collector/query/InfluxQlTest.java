package de.dos2030.iot.collector.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.dos2030.iot.collector.api.BadRequestException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InfluxQlTest {
    @Test
    void literalEscapesQuotesAndBackslashes() {
        assertThat(InfluxQl.literal("school-1")).isEqualTo("'school-1'");
        assertThat(InfluxQl.literal("a'b\\c")).isEqualTo("'a\\'b\\\\c'");
        assertThat(InfluxQl.identifier("we\"ird")).isEqualTo("\"we\\\"ird\"");
    }

    @Test
    void refusesIdsTheValidatorWouldNeverHaveStored() {
        for (String bad : new String[] {"", "x'y", "x y", "-x", "x;DROP", "x\"", "a".repeat(65), null}) {
            assertThatThrownBy(() -> InfluxQl.tagEquals("sensor", "sensor", bad))
                    .isInstanceOf(BadRequestException.class)
                    .hasMessageContaining("is not a valid id");
        }
        assertThat(InfluxQl.tagEquals("sensor", "sensor", "room-1.co2")).isEqualTo("\"sensor\" = 'room-1.co2'");
    }

    @Test
    void parsesWindowsAndRefusesWhatItCannotRead() {
        assertThat(SeriesQuery.duration("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(SeriesQuery.duration("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(SeriesQuery.duration("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> SeriesQuery.duration("500ms")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> SeriesQuery.duration("PT0.5S")).hasMessageContaining("whole seconds");
        Instant now = Instant.parse("2025-03-03T10:00:00Z");
        assertThatThrownBy(() -> SeriesQuery.parse(
                        "co2",
                        null,
                        null,
                        null,
                        null,
                        null,
                        "2025-03-03T11:00:00Z",
                        null,
                        null,
                        null,
                        null,
                        null,
                        now,
                        Duration.ofDays(1)))
                .hasMessageContaining("must be before to");
        assertThatThrownBy(() -> SeriesQuery.parse(
                        "co2",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "max",
                        null,
                        null,
                        now,
                        Duration.ofDays(1)))
                .hasMessageContaining("needs a window");
        SeriesQuery q = SeriesQuery.parse(
                "vibration_rms",
                "mean",
                null,
                "bridge",
                null,
                null,
                null,
                null,
                "1m",
                null,
                "any",
                null,
                now,
                Duration.ofDays(1));
        assertThat(q.field()).isEqualTo("rms_mean");
        assertThat(q.aggregate()).isEqualTo(Aggregate.MEAN);
        assertThat(q.quality()).isNull();
        assertThat(q.from()).isEqualTo(now.minus(Duration.ofDays(1)));
    }
}
