package de.dos2030.iot.edge.outbox;

import de.dos2030.iot.config.model.SyncPolicy;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.GatewayHealth;
import de.dos2030.iot.model.RawCapture;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.codec.BatchCodec;
import de.dos2030.iot.model.validation.ValidationReport;
import de.dos2030.iot.model.validation.Validator;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's durable store of batches not yet confirmed by the collector.
 *
 * <p>Every batch is validated, stamped with the next sequence number of this boot, encoded as
 * CBOR and journaled before anything sends it; it leaves only when {@link #release released}:
 * stored, dead-lettered with its reason, or evicted by the size bound's policy. On start the
 * journal is replayed: batches of earlier boots keep their identity and are sent again.
 *
 * <p>Thread-safe: every method takes the outbox lock. Disk errors surface as
 * {@link UncheckedIOException} with the journal path in the message.
 */
public final class Outbox implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    /** Room kept for the release records written before the next reclaim. */
    private static final int RELEASE_RESERVE = 4 * 1024;

    private final OutboxSettings settings;
    private final BatchOrigin origin;
    private final Clock clock;
    private final Validator validator;
    private final BatchCodec codec = BatchCodec.cbor();
    private final Journal journal;
    private final DeadLetters deadLetters;
    private final RecoveryReport recovery;
    private final TreeMap<Long, OutboxEntry> live = new TreeMap<>();
    private final Map<EntryKind, TreeMap<Long, OutboxEntry>> byKind = new EnumMap<>(EntryKind.class);
    private final TreeMap<Long, long[]> segmentLive = new TreeMap<>(); // segment -> {entries, bytes}
    private final List<OutboxListener> listeners = new CopyOnWriteArrayList<>();
    private final Counters counters = new Counters();
    private long liveBytes;
    private long nextEntryId = 1;
    private long nextSequence;
    private Instant lastSync;
    private boolean closed;

    private Outbox(OutboxSettings settings, BatchOrigin origin, Clock clock) throws IOException {
        this.settings = settings;
        this.origin = origin;
        this.clock = clock;
        this.validator = new Validator(clock);
        this.deadLetters = new DeadLetters(settings.deadLetterDirectory());
        for (EntryKind kind : EntryKind.values()) {
            byKind.put(kind, new TreeMap<>());
        }
        RecoveryReport.Builder report = new RecoveryReport.Builder();
        this.journal = Journal.open(settings.directory(), settings.segmentBytes(), this::replay, report);
        this.recovery = report.build(live.size());
        this.lastSync = clock.instant();
        segmentLive.computeIfAbsent(journal.activeSegment(), s -> new long[2]);
        reclaimSegments();
    }

    /**
     * Opens (and recovers) the outbox in {@code settings.directory()}.
     *
     * @throws UncheckedIOException when the directory cannot be read or written
     */
    public static Outbox open(OutboxSettings settings, BatchOrigin origin, Clock clock) {
        try {
            Outbox outbox = new Outbox(settings, origin, clock);
            RecoveryReport r = outbox.recovery;
            log.info(
                    "event=outbox-recovered dir={} segments={} pending={} torn-tail-bytes={} corrupt-records={}",
                    settings.directory(),
                    r.segments(),
                    r.pendingBatches(),
                    r.tornTailBytes(),
                    r.corruptRecords());
            r.findings()
                    .forEach(f ->
                            log.warn("event=outbox-recovery-finding dir={} finding=\"{}\"", settings.directory(), f));
            return outbox;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot open the outbox journal in " + settings.directory()
                            + ": check that the directory exists, is writable by the agent's user and the disk is not full",
                    e);
        }
    }

    private void replay(JournalRecord record, Journal.Location at, int frameBytes) {
        nextEntryId = Math.max(nextEntryId, record.entryId() + 1);
        if (record instanceof JournalRecord.Enqueue e) {
            OutboxEntry previous = live.get(e.entryId());
            if (previous != null) { // a copy made by compaction: the later one counts
                forget(previous);
            }
            long payloadAt = at.frameOffset() + JournalFrame.HEADER_BYTES + e.payloadOffsetInBody();
            remember(new OutboxEntry(
                    e.entryId(),
                    e.kind(),
                    e.bootId(),
                    e.sequence(),
                    Instant.ofEpochMilli(e.createdAtMillis()),
                    e.readingCount(),
                    frameBytes,
                    at.segment(),
                    payloadAt,
                    e.payload().length));
        } else {
            OutboxEntry released = live.get(record.entryId());
            if (released != null) {
                forget(released);
            }
        }
    }

    public void addListener(OutboxListener listener) {
        listeners.add(listener);
    }

    /** Stops telling {@code listener} (a dispatcher of an uplink that was replaced). */
    public void removeListener(OutboxListener listener) {
        listeners.remove(listener);
    }

    public RecoveryReport recovery() {
        return recovery;
    }

    public BatchOrigin origin() {
        return origin;
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /**
     * Validates, stamps and journals one batch. Invalid readings and alerts are left out and
     * reported; a batch with an invalid envelope, or nothing valid left, is refused without using a
     * sequence number. A full outbox evicts by its policy first, or refuses under reject-new.
     */
    public AppendResult append(
            EntryKind kind,
            List<Reading> readings,
            List<AlertEvent> alerts,
            GatewayHealth health,
            ClockSync clockSync) {
        return append(kind, readings, alerts, health, clockSync, List.of());
    }

    /** {@link #append(EntryKind, List, List, GatewayHealth, ClockSync)} with raw captures (invalid ones refuse the batch). */
    public synchronized AppendResult append(
            EntryKind kind,
            List<Reading> readings,
            List<AlertEvent> alerts,
            GatewayHealth health,
            ClockSync clockSync,
            List<RawCapture> captures) {
        ensureOpen();
        Instant now = clock.instant();
        Batch batch = new Batch(
                Batch.FORMAT_VERSION,
                origin.gatewayId(),
                origin.siteId(),
                origin.bootId(),
                nextSequence,
                now,
                clockSync,
                readings,
                alerts,
                health,
                captures);
        ValidationReport report = validator.validate(batch);
        List<String> problems = report.problems().stream().map(Object::toString).toList();
        if (!report.envelopeValid()) {
            return refuse(kind, readings.size(), "invalid batch: " + report);
        }
        if (!report.isValid()) {
            counters.invalidReadings += report.invalidReadings().size();
            batch = new Batch(
                    batch.formatVersion(),
                    batch.gatewayId(),
                    batch.siteId(),
                    batch.bootId(),
                    batch.sequence(),
                    batch.createdAt(),
                    batch.clockSync(),
                    report.validReadings(),
                    report.validAlerts(),
                    health,
                    captures);
            log.warn(
                    "event=batch-invalid-items identity={} left-out-readings={} left-out-alerts={} problems=\"{}\"",
                    batch.identity(),
                    report.invalidReadings().size(),
                    report.invalidAlerts().size(),
                    report);
        }
        if (batch.readings().isEmpty()
                && batch.alerts().isEmpty()
                && batch.health() == null
                && batch.captures().isEmpty()) {
            return refuse(kind, 0, "nothing valid left to send: " + report);
        }
        byte[] payload = codec.encode(batch);
        JournalRecord.Enqueue record = new JournalRecord.Enqueue(
                nextEntryId,
                kind,
                batch.createdAt().toEpochMilli(),
                origin.bootId(),
                nextSequence,
                batch.readings().size(),
                payload);
        byte[] body = record.encode();
        int frameBytes = JournalFrame.frameBytes(body.length);
        try {
            Optional<String> noRoom = makeRoom(kind, frameBytes);
            if (noRoom.isPresent()) {
                return refuse(kind, batch.readings().size(), noRoom.get());
            }
            Journal.Location at = journal.append(body);
            OutboxEntry entry = new OutboxEntry(
                    nextEntryId,
                    kind,
                    origin.bootId(),
                    nextSequence,
                    batch.createdAt(),
                    batch.readings().size(),
                    frameBytes,
                    at.segment(),
                    at.frameOffset() + JournalFrame.HEADER_BYTES + record.payloadOffsetInBody(),
                    payload.length);
            nextEntryId++;
            nextSequence++;
            counters.appended++;
            remember(entry);
            if (settings.sync() == SyncPolicy.EVERY_BATCH) {
                forceNow();
            } else {
                syncIfDue();
            }
            listeners.forEach(l -> l.appended(entry));
            return new AppendResult.Journaled(entry, problems);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot append to the outbox journal in " + settings.directory()
                            + ": check free space and the storage device",
                    e);
        }
    }

    private AppendResult refuse(EntryKind kind, int readings, String reason) {
        counters.refusedBatches++;
        counters.refusedReadings += readings;
        log.warn("event=batch-refused kind={} readings={} reason=\"{}\"", kind, readings, reason);
        return new AppendResult.Refused(reason);
    }

    /**
     * Keeps the segment files within the bound, one oldest segment at a time: a segment that is
     * mostly released records is compacted (its live batches copied forward, same id and bytes);
     * otherwise the eviction policy picks which of its batches go, the rest are copied forward,
     * and the segment is deleted. A crash before the delete leaves two copies of a moved batch
     * (recovery keeps the later one) or resurrects an evicted one (evicted again later).
     */
    private Optional<String> makeRoom(EntryKind kind, int frameBytes) throws IOException {
        if (frameBytes > settings.maxBytes() / 4) {
            return Optional.of("batch of " + frameBytes + " bytes is larger than a quarter of the outbox bound");
        }
        while (journal.diskBytes() + frameBytes + RELEASE_RESERVE > settings.maxBytes()) {
            if (journal.segments().size() == 1) {
                journal.roll();
            }
            long oldest = journal.segments().get(0);
            List<OutboxEntry> inSegment =
                    live.values().stream().filter(e -> e.segment() == oldest).toList();
            long liveInSegment =
                    inSegment.stream().mapToLong(OutboxEntry::frameBytes).sum();
            List<OutboxEntry> victims = liveInSegment * 2 <= journal.segmentSize(oldest)
                    ? List.of()
                    : EvictionOrder.victims(settings.eviction(), kind, inSegment);
            if (victims.isEmpty() && liveInSegment * 2 > journal.segmentSize(oldest)) {
                return Optional.of("outbox full (" + journal.diskBytes() + " of " + settings.maxBytes()
                        + " bytes) and the eviction policy "
                        + settings.eviction().wireName() + " keeps what is in it");
            }
            for (OutboxEntry v : victims) {
                counters.evictedBatches++;
                counters.evictedReadings += v.readingCount();
                log.warn(
                        "event=outbox-eviction policy={} identity={}/{} kind={} readings={} evicted-total={}",
                        settings.eviction().wireName(),
                        origin.gatewayId(),
                        v.label(),
                        v.kind(),
                        v.readingCount(),
                        counters.evictedBatches);
                forget(v);
                listeners.forEach(l -> l.released(v, ReleaseReason.EVICTED));
            }
            int moved = 0;
            for (OutboxEntry e : inSegment) {
                if (!victims.contains(e)) {
                    copyForward(e);
                    moved++;
                }
            }
            journal.force();
            journal.delete(oldest);
            segmentLive.remove(oldest);
            log.info(
                    "event=outbox-segment-reclaimed segment={} evicted-batches={} moved-batches={}",
                    oldest,
                    victims.size(),
                    moved);
        }
        return Optional.empty();
    }

    private void copyForward(OutboxEntry e) throws IOException {
        byte[] payload = journal.read(e.segment(), e.payloadPosition(), e.payloadLength());
        JournalRecord.Enqueue copy = new JournalRecord.Enqueue(
                e.id(), e.kind(), e.createdAt().toEpochMilli(), e.bootId(), e.sequence(), e.readingCount(), payload);
        Journal.Location at = journal.append(copy.encode());
        forget(e);
        remember(new OutboxEntry(
                e.id(),
                e.kind(),
                e.bootId(),
                e.sequence(),
                e.createdAt(),
                e.readingCount(),
                e.frameBytes(),
                at.segment(),
                at.frameOffset() + JournalFrame.HEADER_BYTES + copy.payloadOffsetInBody(),
                e.payloadLength()));
    }

    /** The journaled CBOR payload of a waiting batch, exactly as it is to be sent. */
    public synchronized byte[] payload(OutboxEntry entry) {
        ensureOpen();
        return journal.read(entry.segment(), entry.payloadPosition(), entry.payloadLength());
    }

    /**
     * Takes a batch out: the collector stored it, or it was dead-lettered. Returns false when the
     * batch had already left (a late answer to a re-sent or evicted batch): nothing happens then.
     */
    public synchronized boolean release(long entryId, ReleaseReason reason) {
        ensureOpen();
        OutboxEntry entry = live.get(entryId);
        if (entry == null) {
            return false;
        }
        if (reason == ReleaseReason.STORED) {
            counters.stored++;
            counters.lastStoredAt = clock.instant();
        }
        releaseEntry(entry, reason);
        return true;
    }

    /** The collector rejected the batch for good: keep a copy with the reason, then release it. */
    public synchronized boolean deadLetter(long entryId, String reason) {
        ensureOpen();
        OutboxEntry entry = live.get(entryId);
        if (entry == null) {
            return false;
        }
        try {
            deadLetters.put(entry, origin.gatewayId(), payload(entry), reason, clock.instant());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dead letter into " + deadLetters.directory(), e);
        }
        counters.deadLetteredBatches++;
        counters.deadLetteredReadings += entry.readingCount();
        log.warn(
                "event=dead-letter identity={}/{} kind={} readings={} reason=\"{}\" dir={}",
                origin.gatewayId(),
                entry.label(),
                entry.kind(),
                entry.readingCount(),
                reason,
                deadLetters.directory());
        releaseEntry(entry, ReleaseReason.DEAD_LETTERED);
        return true;
    }

    private void releaseEntry(OutboxEntry entry, ReleaseReason reason) {
        try {
            journal.append(new JournalRecord.Release(entry.id(), reason).encode());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the outbox journal in " + settings.directory(), e);
        }
        forget(entry);
        listeners.forEach(l -> l.released(entry, reason));
        reclaimSegments();
    }

    private void remember(OutboxEntry entry) {
        live.put(entry.id(), entry);
        byKind.get(entry.kind()).put(entry.id(), entry);
        long[] seg = segmentLive.computeIfAbsent(entry.segment(), s -> new long[2]);
        seg[0]++;
        seg[1] += entry.frameBytes();
        liveBytes += entry.frameBytes();
    }

    private void forget(OutboxEntry entry) {
        live.remove(entry.id());
        byKind.get(entry.kind()).remove(entry.id());
        long[] seg = segmentLive.get(entry.segment());
        seg[0]--;
        seg[1] -= entry.frameBytes();
        liveBytes -= entry.frameBytes();
    }

    /** Deletes the oldest segments while nothing in them is live (release records only refer backwards). */
    private void reclaimSegments() {
        for (long segment : journal.segments()) {
            long[] seg = segmentLive.getOrDefault(segment, new long[2]);
            if (segment == journal.activeSegment() || seg[0] > 0) {
                return;
            }
            try {
                journal.delete(segment);
                segmentLive.remove(segment);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete outbox segment " + journal.segmentPath(segment), e);
            }
        }
    }

    /** Forces the journal to disk now (shutdown, or an interval policy's timer). */
    public synchronized void sync() {
        ensureOpen();
        forceNow();
    }

    /** Under the interval policy, forces the journal when the interval has passed; call it from a timer. */
    public synchronized void syncIfDue() {
        if (!closed && journal.hasUnsyncedData() && !clock.instant().isBefore(lastSync.plus(settings.syncInterval()))) {
            forceNow();
        }
    }

    private void forceNow() {
        try {
            journal.force();
            lastSync = clock.instant();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync the outbox journal in " + settings.directory(), e);
        }
    }

    /**
     * Waiting batches of one kind (all kinds when {@code kind} is null) with entry ids in
     * [{@code fromId}, {@code toId}), oldest first, that pass {@code filter}; at most {@code max}.
     */
    public synchronized List<OutboxEntry> waiting(
            EntryKind kind, long fromId, long toId, Predicate<OutboxEntry> filter, int max) {
        NavigableMap<Long, OutboxEntry> source = kind == null ? live : byKind.get(kind);
        List<OutboxEntry> out = new ArrayList<>();
        if (fromId >= toId) {
            return out;
        }
        for (OutboxEntry e : source.subMap(fromId, true, toId, false).values()) {
            if (out.size() >= max) {
                break;
            }
            if (filter.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Waiting batches from {@code fromId} on; see {@link #waiting(EntryKind, long, long, Predicate, int)}. */
    public List<OutboxEntry> waiting(EntryKind kind, long fromId, Predicate<OutboxEntry> filter, int max) {
        return waiting(kind, fromId, Long.MAX_VALUE, filter, max);
    }

    /** The id the next journaled batch will get: everything below it is already in the outbox. */
    public synchronized long nextEntryId() {
        return nextEntryId;
    }

    public synchronized boolean contains(long entryId) {
        return live.containsKey(entryId);
    }

    public synchronized OutboxStats stats() {
        Instant oldest = live.isEmpty()
                ? null
                : live.values().stream()
                        .map(OutboxEntry::createdAt)
                        .min(Instant::compareTo)
                        .orElse(null);
        return new OutboxStats(
                live.size(),
                liveBytes,
                journal.diskBytes(),
                oldest,
                counters.appended,
                counters.stored,
                counters.lastStoredAt,
                counters.evictedBatches,
                counters.evictedReadings,
                counters.refusedBatches,
                counters.refusedReadings,
                counters.invalidReadings,
                counters.deadLetteredBatches,
                counters.deadLetteredReadings);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the outbox in " + settings.directory() + " is closed");
        }
    }

    /** Syncs and closes the journal. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            journal.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the outbox journal in " + settings.directory(), e);
        }
    }

    private static final class Counters {
        long appended;
        long stored;
        Instant lastStoredAt;
        long evictedBatches;
        long evictedReadings;
        long refusedBatches;
        long refusedReadings;
        long invalidReadings;
        long deadLetteredBatches;
        long deadLetteredReadings;
    }
}
