package de.dos2030.iot.edge.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** NTP's arithmetic on the collector's "stored" answers, and its clock filter. */
class ClockOffsetFilterTest {
    static final Instant T = Instant.parse("2026-12-04T10:00:00Z");

    /** An exchange where the gateway runs {@code offsetMs} ahead, with the given one-way delays. */
    private static void exchange(ClockOffsetFilter f, long offsetMs, long outMs, long storeMs, long backMs, long at) {
        Instant sentTrue = T.plusSeconds(at);
        Instant received = sentTrue.plusMillis(outMs);
        Instant answered = received.plusMillis(storeMs);
        Instant back = answered.plusMillis(backMs);
        f.add(
                sentTrue.plusMillis(offsetMs),
                new SendOutcome.CollectorTimes(received, answered),
                back.plusMillis(offsetMs));
    }

    @Test
    void symmetricExchangeGivesTheExactOffsetWhateverTheStorageTook() {
        ClockOffsetFilter f = new ClockOffsetFilter();
        assertThat(f.offset()).isEmpty();
        exchange(f, 5_000, 20, 900, 20, 0);
        assertThat(f.offset()).hasValue(Duration.ofSeconds(5));
        ClockOffsetFilter behind = new ClockOffsetFilter();
        exchange(behind, -1_250, 3, 40, 3, 0);
        assertThat(behind.offset()).hasValue(Duration.ofMillis(-1_250));
    }

    @Test
    void theExchangeWithTheShortestRoundTripWins() {
        ClockOffsetFilter f = new ClockOffsetFilter();
        exchange(f, 300, 400, 10, 10, 0); // queued on the way out: 195 ms off
        exchange(f, 300, 10, 10, 10, 1); // clean: exact
        exchange(f, 300, 10, 10, 600, 2); // queued on the way back
        assertThat(f.offset()).hasValue(Duration.ofMillis(300));
    }

    @Test
    void onlyTheLastEightExchangesCount() {
        ClockOffsetFilter f = new ClockOffsetFilter();
        exchange(f, 0, 1, 1, 1, 0); // a very clean exchange, long ago
        for (int i = 1; i <= ClockOffsetFilter.SAMPLES; i++) {
            exchange(f, 2_000, 50, 5, 50, i); // the clock has since stepped by 2 s
        }
        assertThat(f.offset()).hasValue(Duration.ofSeconds(2));
    }

    @Test
    void anExchangeWithANegativeRoundTripIsDropped() {
        ClockOffsetFilter f = new ClockOffsetFilter();
        f.add(T, new SendOutcome.CollectorTimes(T, T.plusSeconds(10)), T.plusSeconds(1));
        assertThat(f.offset()).isEmpty();
    }

    @Test
    void theStoredAnswerCarriesTheCollectorsTimesIntoTheOutcome() {
        String json = "{\"status\":\"stored\",\"gatewayId\":\"gw\",\"bootId\":\"b\",\"sequence\":7,\"stored\":3,"
                + "\"alerts\":0,\"quarantined\":0,\"rejected\":[],\"receivedAt\":1764842400120,\"answeredAt\":1764842400135}";
        SendOutcome outcome =
                AckMessage.parse(json.getBytes(StandardCharsets.UTF_8)).outcome();
        assertThat(outcome)
                .isInstanceOfSatisfying(
                        SendOutcome.Stored.class,
                        s -> assertThat(s.collectorTimes())
                                .hasValue(new SendOutcome.CollectorTimes(
                                        Instant.ofEpochMilli(1764842400120L), Instant.ofEpochMilli(1764842400135L))));
        String older = "{\"status\":\"stored\",\"stored\":3}";
        assertThat(AckMessage.parse(older.getBytes(StandardCharsets.UTF_8)).outcome())
                .isInstanceOfSatisfying(
                        SendOutcome.Stored.class,
                        s -> assertThat(s.collectorTimes()).isEmpty());
    }
}
