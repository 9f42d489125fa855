package de.dos2030.iot.collector.ingest;

import de.dos2030.iot.collector.gateways.BootSequences;
import de.dos2030.iot.collector.gateways.SequenceGaps;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sequence numbers of stored batches per gateway and boot. Sequences are gap-free per boot on the
 * gateway, so a hole between the first and the highest stored sequence means batches that have
 * not (yet) arrived; a late arrival (a re-send after a timeout) fills it. Tracking starts at the
 * first sequence stored for a boot, so batches before a collector first heard of a boot are not
 * reported as missing.
 *
 * <p>Several instances in one MQTT share group each store only some of a gateway's batches. So
 * what counts is the union over instances: {@link SequenceSharing} regularly publishes what this
 * instance knows ({@link #takeChanged}) and merges what the others published ({@link #merge}).
 * Until the instance that stored a batch has shared it and this one has read it (up to two
 * rounds, as rounds of instances are not in step) the batch may show as missing here; the
 * {@code collector.sequence.gaps} counter therefore counts a hole only once it has outlived two
 * whole sharing rounds ({@link #settle}), and the liveness rule waits its grace time.
 *
 * <p>Bounded: {@link #MAX_BOOTS_PER_GATEWAY} boots per gateway and {@link #MAX_RANGES} stored
 * ranges per boot (past that the oldest hole is forgotten). Thread-safe.
 */
@Singleton
public class SequenceTracker implements SequenceGaps {
    static final int MAX_BOOTS_PER_GATEWAY = 5;
    static final int MAX_RANGES = 1_000;

    private final Map<String, Map<String, BootState>> gateways = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Counter gapsDetected;

    public SequenceTracker(Clock clock, MeterRegistry meters) {
        this.clock = clock;
        this.gapsDetected = Counter.builder("collector.sequence.gaps")
                .description(
                        "batches found missing: holes in the stored sequences that outlived two sharing rounds between instances")
                .register(meters);
        meters.gauge("collector.sequence.missing", this, SequenceTracker::missingNow);
    }

    /** What {@link #record} saw. */
    public enum Seen {
        FIRST,
        NEXT,
        GAP,
        FILLED_GAP,
        BEFORE_TRACKING,
        DUPLICATE
    }

    /** Records a batch this instance stored. */
    public Seen record(String gatewayId, String bootId, long sequence) {
        BootState boot = boot(gatewayId, bootId);
        synchronized (boot) {
            boot.lastSeen = now();
            return boot.record(sequence);
        }
    }

    @Override
    public List<BootSequences> of(String gatewayId) {
        Map<String, BootState> boots = gateways.getOrDefault(gatewayId, Map.of());
        List<BootSequences> out = new ArrayList<>();
        for (BootState b : boots.values()) {
            synchronized (b) {
                if (!b.stored.isEmpty()) {
                    out.add(b.snapshot());
                }
            }
        }
        out.sort(Comparator.comparing(BootSequences::lastSeen).reversed());
        return out;
    }

    /** What one instance knows was stored of one boot: inclusive [from, to] ranges, ascending. */
    public record BootRanges(
            String gatewayId, String bootId, List<long[]> stored, Instant firstSeen, Instant lastSeen) {}

    /** The boots whose knowledge changed since the last call (recorded here or merged), for sharing. */
    public List<BootRanges> takeChanged() {
        List<BootRanges> out = new ArrayList<>();
        gateways.forEach((gatewayId, boots) -> boots.values().forEach(b -> {
            synchronized (b) {
                if (b.changed && !b.stored.isEmpty()) {
                    b.changed = false;
                    out.add(new BootRanges(gatewayId, b.bootId, b.storedRanges(), b.firstSeen, b.lastSeen));
                }
            }
        }));
        return out;
    }

    /** Sharing failed: publish these again next round. */
    public void changedAgain(List<BootRanges> unsent) {
        for (BootRanges r : unsent) {
            BootState b = gateways.getOrDefault(r.gatewayId(), Map.of()).get(r.bootId());
            if (b != null) {
                synchronized (b) {
                    b.changed = true;
                }
            }
        }
    }

    /** Adds what another instance (or this one before a restart) published. */
    public void merge(BootRanges other) {
        if (other.stored().isEmpty()) {
            return;
        }
        BootState boot = boot(other.gatewayId(), other.bootId());
        synchronized (boot) {
            // A boot this instance never saw itself (after a restart or a restore) was last seen when the
            // others saw it, not when this instance first read about it.
            boolean onlyHeardOf = boot.stored.isEmpty();
            boolean grew = false;
            for (long[] range : other.stored()) {
                grew |= boot.add(range[0], range[1]);
            }
            if (other.firstSeen().isBefore(boot.firstSeen)) {
                boot.firstSeen = other.firstSeen();
            }
            if (onlyHeardOf || other.lastSeen().isAfter(boot.lastSeen)) {
                boot.lastSeen = other.lastSeen();
            }
            boot.changed |= grew;
        }
    }

    /**
     * Ends a sharing round: holes below the highest sequence known two rounds ago have outlived two
     * whole rounds, so every instance has published, and this one has read, what was stored there
     * by then. Those not counted yet are counted as gaps now.
     */
    public void settle() {
        gateways.values()
                .forEach(boots -> boots.values().forEach(b -> {
                    synchronized (b) {
                        gapsDetected.increment(b.settle());
                    }
                }));
    }

    /** In microseconds, as the registry keeps it: the same instant before and after a restart or a restore. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private BootState boot(String gatewayId, String bootId) {
        Map<String, BootState> boots = gateways.computeIfAbsent(gatewayId, g -> new ConcurrentHashMap<>());
        BootState boot = boots.computeIfAbsent(bootId, b -> new BootState(bootId, now()));
        if (boots.size() > MAX_BOOTS_PER_GATEWAY) {
            boots.values().stream()
                    .min(Comparator.comparing(b -> b.lastSeen))
                    .filter(oldest -> oldest != boot)
                    .ifPresent(oldest -> boots.remove(oldest.bootId));
        }
        return boot;
    }

    private double missingNow() {
        long missing = 0;
        for (Map<String, BootState> boots : gateways.values()) {
            for (BootState b : boots.values()) {
                synchronized (b) {
                    missing += b.missingCount();
                }
            }
        }
        return missing;
    }

    private static final class BootState {
        final String bootId;
        Instant firstSeen;
        Instant lastSeen;
        boolean changed;
        long duplicates;
        /** Stored sequences as disjoint, non-adjacent ranges: from -> to, inclusive. */
        final TreeMap<Long, Long> stored = new TreeMap<>();
        /** Holes up to here have been counted as gaps. */
        long countedUpTo = Long.MIN_VALUE;
        /** The highest sequence at the end of the previous sharing round, and of the one before. */
        long highestAtLastRound = Long.MIN_VALUE;

        long highestTwoRoundsAgo = Long.MIN_VALUE;

        BootState(String bootId, Instant firstSeen) {
            this.bootId = bootId;
            this.firstSeen = firstSeen;
            this.lastSeen = firstSeen;
        }

        long first() {
            return stored.firstKey();
        }

        long highest() {
            return stored.lastEntry().getValue();
        }

        Seen record(long seq) {
            Seen seen;
            if (stored.isEmpty()) {
                seen = Seen.FIRST;
            } else if (contains(seq)) {
                duplicates++;
                return Seen.DUPLICATE;
            } else if (seq == highest() + 1) {
                seen = Seen.NEXT;
            } else if (seq > highest()) {
                seen = Seen.GAP;
            } else if (seq < first()) {
                // Older than what is tracked: it may have been stored before anyone tracked this boot
                // (a collector upgrade, a wiped database), so the sequences between are not known missing.
                return Seen.BEFORE_TRACKING;
            } else {
                seen = Seen.FILLED_GAP;
            }
            add(seq, seq);
            changed = true;
            return seen;
        }

        boolean contains(long seq) {
            Map.Entry<Long, Long> range = stored.floorEntry(seq);
            return range != null && seq <= range.getValue();
        }

        /** Adds [from, to], joining touching and overlapping ranges; whether anything was new. */
        boolean add(long from, long to) {
            Map.Entry<Long, Long> before = stored.floorEntry(from);
            if (before != null && before.getValue() >= to) {
                return false; // already known
            }
            long start = from;
            long end = to;
            if (before != null && before.getValue() >= from - 1) {
                start = before.getKey();
                end = Math.max(end, before.getValue());
            }
            Map.Entry<Long, Long> next;
            while ((next = stored.ceilingEntry(start)) != null && next.getKey() <= end + 1) {
                end = Math.max(end, next.getValue());
                stored.remove(next.getKey());
            }
            stored.put(start, end);
            while (stored.size() > MAX_RANGES) {
                // Forget the oldest hole: join the two oldest ranges.
                Map.Entry<Long, Long> oldest = stored.pollFirstEntry();
                Map.Entry<Long, Long> second = stored.pollFirstEntry();
                stored.put(oldest.getKey(), second.getValue());
            }
            return true;
        }

        List<long[]> storedRanges() {
            return stored.entrySet().stream()
                    .map(e -> new long[] {e.getKey(), e.getValue()})
                    .toList();
        }

        /** Missing [from, to] ranges between the first and the highest stored sequence. */
        List<long[]> missing() {
            List<long[]> out = new ArrayList<>();
            Long previousEnd = null;
            for (Map.Entry<Long, Long> r : stored.entrySet()) {
                if (previousEnd != null) {
                    out.add(new long[] {previousEnd + 1, r.getKey() - 1});
                }
                previousEnd = r.getValue();
            }
            return out;
        }

        long missingCount() {
            long n = 0;
            for (long[] m : missing()) {
                n += m[1] - m[0] + 1;
            }
            return n;
        }

        long distinctStored() {
            long n = 0;
            for (Map.Entry<Long, Long> r : stored.entrySet()) {
                n += r.getValue() - r.getKey() + 1;
            }
            return n;
        }

        /** Counts the holes in (countedUpTo, highestTwoRoundsAgo]; returns how many sequences that is. */
        long settle() {
            if (stored.isEmpty()) {
                return 0;
            }
            long limit = highestTwoRoundsAgo;
            long counted = 0;
            if (limit > countedUpTo) {
                for (long[] m : missing()) {
                    long from = Math.max(m[0], countedUpTo + 1);
                    long to = Math.min(m[1], limit);
                    if (from <= to) {
                        counted += to - from + 1;
                    }
                }
                countedUpTo = limit;
            }
            highestTwoRoundsAgo = highestAtLastRound;
            highestAtLastRound = highest();
            return counted;
        }

        BootSequences snapshot() {
            return new BootSequences(
                    bootId,
                    firstSeen,
                    lastSeen,
                    first(),
                    highest(),
                    distinctStored(),
                    duplicates,
                    missingCount(),
                    missing());
        }
    }
}
