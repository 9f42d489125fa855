package de.dos2030.iot.edge.uplink;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Optional;

/**
 * Measures how far the gateway's clock is from the collector's, the way NTP does, from the exchanges the
 * uplink makes anyway: the gateway's send time T0, the collector's receive and answer times T1 and T2 (in its
 * "stored" answer) and the gateway's receive time T3 give offset {@code ((T0 - T1) + (T3 - T2)) / 2} (gateway
 * minus collector) and round trip {@code (T3 - T0) - (T2 - T1)}. Queueing makes single exchanges lopsided, so,
 * as NTP's clock filter does, the estimate is the offset of the exchange with the shortest round trip among
 * the last {@value #SAMPLES}: it carries the least error.
 *
 * <p>Not thread-safe: fed on the dispatcher's thread; {@link #offset()} may be read from any thread.
 */
public final class ClockOffsetFilter {
    static final int SAMPLES = 8;

    private record Sample(Duration offset, Duration roundTrip) {}

    private final ArrayDeque<Sample> recent = new ArrayDeque<>(SAMPLES);
    private volatile Duration best;

    /** Adds one exchange; one whose round trip comes out negative (a clock step in between) is dropped. */
    public void add(Instant sent, SendOutcome.CollectorTimes collector, Instant answered) {
        Duration roundTrip =
                Duration.between(sent, answered).minus(Duration.between(collector.received(), collector.answered()));
        if (roundTrip.isNegative()) {
            return;
        }
        Duration offset = Duration.between(collector.received(), sent)
                .plus(Duration.between(collector.answered(), answered))
                .dividedBy(2);
        if (recent.size() == SAMPLES) {
            recent.removeFirst();
        }
        recent.addLast(new Sample(offset, roundTrip));
        best = recent.stream()
                .min(Comparator.comparing(Sample::roundTrip))
                .orElseThrow()
                .offset();
    }

    /** Gateway clock minus collector clock; empty until a "stored" answer carried the collector's times. */
    public Optional<Duration> offset() {
        return Optional.ofNullable(best);
    }
}
