package de.dos2030.iot.collector.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.dos2030.iot.collector.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShortCacheTest {
    private final MutableClock clock = new MutableClock();
    /** Background refreshes are queued here and run when the test says, so "meanwhile" is visible. */
    private final List<Runnable> refreshes = new ArrayList<>();

    private final ShortCache<String, Integer> cache =
            new ShortCache<>(clock, Duration.ofSeconds(2), Duration.ofSeconds(60), 100, refreshes::add);
    private final AtomicInteger loads = new AtomicInteger();

    private Integer get() {
        return cache.get("room", loads::incrementAndGet);
    }

    @Test
    void aFreshAnswerIsServedWithoutLoading() {
        assertThat(get()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1_000));
        assertThat(get()).isEqualTo(1);
        assertThat(loads).hasValue(1);
        assertThat(refreshes).isEmpty();
    }

    @Test
    void aStaleAnswerIsServedAtOnceWhileOneRefreshRunsInTheBackground() {
        get();
        clock.advance(Duration.ofSeconds(3));

        assertThat(get()).as("stale, no waiting").isEqualTo(1);
        assertThat(get()).as("still stale: the refresh has not run").isEqualTo(1);
        assertThat(refreshes).as("one refresh, not one per caller").hasSize(1);
        assertThat(loads).hasValue(1);

        refreshes.remove(0).run();
        assertThat(get()).isEqualTo(2);
        assertThat(refreshes).isEmpty();
    }

    @Test
    void anAnswerOlderThanMaxStaleIsLoadedWhileTheCallerWaits() {
        get();
        clock.advance(Duration.ofSeconds(61));
        assertThat(get()).isEqualTo(2);
        assertThat(refreshes).isEmpty();
    }

    @Test
    void aFailedRefreshKeepsTheOlderAnswerAndTheNextCallerTriesAgain() {
        get();
        clock.advance(Duration.ofSeconds(3));
        assertThat(cache.get("room", () -> {
                    throw new IllegalStateException("InfluxDB down");
                }))
                .isEqualTo(1);
        refreshes.remove(0).run();

        assertThat(get()).isEqualTo(1);
        refreshes.remove(0).run();
        assertThat(get()).isEqualTo(2);
    }

    @Test
    void aFailedFirstLoadReachesTheCallerAndIsNotKept() {
        assertThatThrownBy(() -> cache.get("room", () -> {
                    throw new IllegalArgumentException("no such room");
                }))
                .hasMessage("no such room");
        assertThat(get()).isEqualTo(1);
    }

    @Test
    void maxStaleShorterThanTtlIsRefused() {
        assertThatThrownBy(() -> new ShortCache<String, String>(
                        clock, Duration.ofSeconds(10), Duration.ofSeconds(1), 10, Runnable::run))
                .hasMessageContaining("shorter than ttl");
    }
}
