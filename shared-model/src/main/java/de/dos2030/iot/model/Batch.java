package de.dos2030.iot.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a gateway sends in one message: readings, alert events and optionally its health.
 *
 * <p>(gatewayId, bootId, sequence) identify a batch: a re-sent batch carries the same identity,
 * so the collector stores it idempotently. Sequence numbers start at 0 for each boot id and have
 * no gaps. Alert-only and health-only messages are batches too, with their own sequence numbers.
 *
 * <p>Readings are kept in canonical order: by series (sensor, quantity, statistic) in order of
 * first appearance, then by time (readings without one first), stable for equal times. Both
 * codecs preserve that order, so a batch survives encode-then-decode as an equal batch (within
 * each quantity's resolution for CBOR). Lists are copied and unmodifiable; they may not hold null elements.
 *
 * @param formatVersion wire format version; {@link #FORMAT_VERSION} for this code
 * @param gatewayId     the sending gateway
 * @param siteId        the site (bridge or school) the gateway belongs to
 * @param bootId        a new random id each time the agent starts
 * @param sequence      per boot, gap-free, from 0
 * @param createdAt     when the gateway closed the batch
 * @param clockSync     state of the gateway clock when it closed the batch
 * @param readings      readings in canonical order
 * @param alerts        alert events in the order they happened
 * @param health        gateway health, or {@code null}
 * @param captures      raw samples around alarms ({@link RawCapture}); a gateway sends each in a batch of its own
 */
public record Batch(
        int formatVersion,
        String gatewayId,
        String siteId,
        String bootId,
        long sequence,
        Instant createdAt,
        ClockSync clockSync,
        List<Reading> readings,
        List<AlertEvent> alerts,
        GatewayHealth health,
        List<RawCapture> captures) {

    public static final int FORMAT_VERSION = 1;

    public Batch {
        createdAt = createdAt == null ? null : createdAt.truncatedTo(ChronoUnit.MILLIS);
        readings = canonicalOrder(readings == null ? List.of() : readings);
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
        captures = captures == null ? List.of() : List.copyOf(captures);
    }

    /** A batch without raw captures: what nearly every batch is. */
    public Batch(
            int formatVersion,
            String gatewayId,
            String siteId,
            String bootId,
            long sequence,
            Instant createdAt,
            ClockSync clockSync,
            List<Reading> readings,
            List<AlertEvent> alerts,
            GatewayHealth health) {
        this(formatVersion, gatewayId, siteId, bootId, sequence, createdAt, clockSync, readings, alerts, health, null);
    }

    /** The stable identity a re-send keeps: {@code gateway/boot/sequence}. */
    public String identity() {
        return gatewayId + "/" + bootId + "/" + sequence;
    }

    private static List<Reading> canonicalOrder(List<Reading> readings) {
        if (isCanonical(readings)) {
            return List.copyOf(readings);
        }
        List<Reading> firstOfSeries = new ArrayList<>();
        for (Reading r : readings) {
            if (firstOfSeries.stream().noneMatch(r::sameSeries)) {
                firstOfSeries.add(r);
            }
        }
        List<Reading> sorted = new ArrayList<>(readings);
        sorted.sort(Comparator.<Reading>comparingInt(r -> seriesIndex(firstOfSeries, r))
                .thenComparing(Reading::time, Comparator.nullsFirst(Comparator.naturalOrder())));
        return List.copyOf(sorted);
    }

    private static int seriesIndex(List<Reading> firstOfSeries, Reading r) {
        for (int i = 0; i < firstOfSeries.size(); i++) {
            if (firstOfSeries.get(i).sameSeries(r)) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable: every reading's series was collected");
    }

    /** Already grouped by series with times ascending: the common case, checked in one pass. */
    private static boolean isCanonical(List<Reading> readings) {
        List<Reading> seriesSeen = new ArrayList<>(); // one reading per finished series: a handful, not every reading
        for (int i = 1; i < readings.size(); i++) {
            Reading prev = readings.get(i - 1);
            Reading cur = readings.get(i);
            if (prev.sameSeries(cur)) {
                // The order canonicalOrder sorts into: readings without a time first, then times ascending.
                if (prev.time() != null && (cur.time() == null || cur.time().isBefore(prev.time()))) {
                    return false;
                }
            } else {
                seriesSeen.add(prev);
                for (Reading seen : seriesSeen) {
                    if (seen.sameSeries(cur)) {
                        return false; // a series resumes after another one: not grouped
                    }
                }
            }
        }
        return true;
    }
}
