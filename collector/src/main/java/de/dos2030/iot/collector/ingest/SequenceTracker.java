package de.dos2030.iot.collector.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sequence numbers of stored batches per gateway and boot. Sequences are gap-free per boot on the
 * gateway, so a jump means batches that have not (yet) arrived; a late arrival (a re-send after
 * a timeout) fills its gap again. Tracking starts at the first sequence this instance stores for
 * a boot, so a collector restart does not report the batches before it as missing.
 *
 * <p>In memory, per collector instance: with several instances each sees the batches it stored.
 * Bounded: {@link #MAX_BOOTS_PER_GATEWAY} boots per gateway and {@link #MAX_RANGES} missing ranges
 * per boot (older ones are dropped). Thread-safe.
 */
@Singleton
public class SequenceTracker {
    static final int MAX_BOOTS_PER_GATEWAY = 5;
    static final int MAX_RANGES = 1_000;

    private final Map<String, Map<String, BootState>> gateways = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Counter gapsDetected;
    private final AtomicLong missingNow = new AtomicLong();

    public SequenceTracker(Clock clock, MeterRegistry meters) {
        this.clock = clock;
        this.gapsDetected = Counter.builder("collector.sequence.gaps")
                .description("batches found missing when a later sequence number arrived").register(meters);
        meters.gauge("collector.sequence.missing", missingNow);
    }

    /** What {@link #record} saw. */
    public enum Seen { FIRST, NEXT, GAP, FILLED_GAP, BEFORE_TRACKING, DUPLICATE }

    /** Records a stored batch. */
    public Seen record(String gatewayId, String bootId, long sequence) {
        Map<String, BootState> boots = gateways.computeIfAbsent(gatewayId, g -> new ConcurrentHashMap<>());
        BootState boot = boots.computeIfAbsent(bootId, b -> new BootState(bootId, clock.instant()));
        if (boots.size() > MAX_BOOTS_PER_GATEWAY) {
            boots.values().stream().min(Comparator.comparing(b -> b.lastSeen)).ifPresent(oldest -> {
                if (oldest != boot) {
                    boots.remove(oldest.bootId);
                    missingNow.addAndGet(-oldest.missingCount());
                }
            });
        }
        synchronized (boot) {
            boot.lastSeen = clock.instant();
            return boot.record(sequence);
        }
    }

    /** Per boot of this gateway, most recent first; empty when nothing was stored from it. */
    public List<BootSequences> of(String gatewayId) {
        Map<String, BootState> boots = gateways.getOrDefault(gatewayId, Map.of());
        List<BootSequences> out = new ArrayList<>();
        for (BootState b : boots.values()) {
            synchronized (b) {
                out.add(b.snapshot());
            }
        }
        out.sort(Comparator.comparing(BootSequences::lastSeen).reversed());
        return out;
    }

    /** One boot's sequences; {@code missing} holds inclusive [from, to] ranges. */
    @Serdeable
    public record BootSequences(String bootId, Instant firstSeen, Instant lastSeen, long firstSequence,
                                long highestSequence, long stored, long duplicates, long missingCount,
                                List<long[]> missing) {
    }

    private final class BootState {
        final String bootId;
        final Instant firstSeen;
        Instant lastSeen;
        long first = -1;
        long highest = -1;
        long stored;
        long duplicates;
        final TreeMap<Long, Long> missing = new TreeMap<>(); // from -> to, inclusive

        BootState(String bootId, Instant firstSeen) {
            this.bootId = bootId;
            this.firstSeen = firstSeen;
            this.lastSeen = firstSeen;
        }

        Seen record(long seq) {
            if (highest < 0) {
                first = seq;
                highest = seq;
                stored++;
                return Seen.FIRST;
            }
            if (seq == highest + 1) {
                highest = seq;
                stored++;
                return Seen.NEXT;
            }
            if (seq > highest) {
                long gap = seq - highest - 1;
                missing.put(highest + 1, seq - 1);
                gapsDetected.increment(gap);
                missingNow.addAndGet(gap);
                while (missing.size() > MAX_RANGES) {
                    Map.Entry<Long, Long> dropped = missing.pollFirstEntry();
                    missingNow.addAndGet(-(dropped.getValue() - dropped.getKey() + 1));
                }
                highest = seq;
                stored++;
                return Seen.GAP;
            }
            Map.Entry<Long, Long> range = missing.floorEntry(seq);
            if (range != null && seq <= range.getValue()) {
                missing.remove(range.getKey());
                if (range.getKey() < seq) {
                    missing.put(range.getKey(), seq - 1);
                }
                if (seq < range.getValue()) {
                    missing.put(seq + 1, range.getValue());
                }
                missingNow.decrementAndGet();
                stored++;
                return Seen.FILLED_GAP;
            }
            if (seq < first) {
                stored++; // older than what this instance tracks: neither a gap nor known as a duplicate
                return Seen.BEFORE_TRACKING;
            }
            duplicates++;
            return Seen.DUPLICATE;
        }

        long missingCount() {
            return missing.entrySet().stream().mapToLong(e -> e.getValue() - e.getKey() + 1).sum();
        }

        BootSequences snapshot() {
            List<long[]> ranges = missing.entrySet().stream().map(e -> new long[] {e.getKey(), e.getValue()}).toList();
            return new BootSequences(bootId, firstSeen, lastSeen, first, highest, stored, duplicates, missingCount(), ranges);
        }
    }
}
