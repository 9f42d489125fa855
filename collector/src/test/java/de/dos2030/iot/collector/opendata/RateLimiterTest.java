package de.dos2030.iot.collector.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final MutableClock clock = new MutableClock();

    private RateLimiter limiter(int perMinute, int burst, int clients) {
        return new RateLimiter(new OpenLimits(perMinute, burst, clients, List.of(), Duration.ofMinutes(5)), clock);
    }

    @Test
    void aClientMayUseItsBurstThenWaitsForTheRate() {
        RateLimiter l = limiter(6, 3, 10); // one request per 10 s
        for (int i = 0; i < 3; i++) {
            assertThat(l.take("a")).isZero();
        }
        assertThat(l.take("a")).isEqualTo(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(4));
        assertThat(l.take("a")).isEqualTo(Duration.ofSeconds(6));
        clock.advance(Duration.ofSeconds(6));
        assertThat(l.take("a")).isZero();
        assertThat(l.take("a")).isPositive();
    }

    @Test
    void clientsHaveBucketsOfTheirOwn() {
        RateLimiter l = limiter(1, 1, 10);
        assertThat(l.take("a")).isZero();
        assertThat(l.take("a")).isPositive();
        assertThat(l.take("b")).isZero();
    }

    @Test
    void aBucketNeverHoldsMoreThanTheBurstHoweverLongTheClientWaited() {
        RateLimiter l = limiter(60, 2, 10);
        l.take("a");
        clock.advance(Duration.ofDays(1));
        assertThat(l.take("a")).isZero();
        assertThat(l.take("a")).isZero();
        assertThat(l.take("a")).isPositive();
    }

    @Test
    void memoryStaysBoundedWhateverNumberOfAddressesCalls() {
        RateLimiter l = limiter(60, 1, 100);
        for (int i = 0; i < 100_000; i++) {
            l.take("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        assertThat(l.clients()).isEqualTo(100);
    }
}
