package de.dos2030.iot.edge.batch;

import de.dos2030.iot.config.model.AlertDelivery;
import de.dos2030.iot.config.model.Batching;
import de.dos2030.iot.edge.outbox.AppendResult;
import de.dos2030.iot.edge.outbox.EntryKind;
import de.dos2030.iot.edge.outbox.Outbox;
import de.dos2030.iot.edge.pipeline.PipelineOutput;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.RawCapture;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the pipeline's output into batches and journals each closed batch in the outbox.
 *
 * <p>Raw samples and window features are batched apart, so that a full outbox can give up raw
 * samples and keep the features (see {@code EvictionOrder}). A batch closes when it holds
 * {@code maxReadings} readings or {@code maxAge} has passed since its first reading arrived
 * ({@link #tick()} checks the age; call it from a timer). The first batch of each kind after start
 * closes after {@link #FIRST_BATCH_AGE} at the latest, so a restarted or freshly installed gateway
 * shows data within seconds rather than after a full {@code maxAge}. Alerts on the priority path are journaled
 * at once as alert-only batches; with {@code with-batches} they ride in the next feature batch.
 *
 * <p>Thread-safe; called from the pipeline thread and the timer. Closing a batch writes (and,
 * under the every-batch policy, syncs) the journal on the calling thread.
 */
public final class Batcher implements PipelineOutput {
    private static final Logger log = LoggerFactory.getLogger(Batcher.class);

    private final Outbox outbox;
    private final Batching batching;
    private final AlertDelivery alertDelivery;
    private final Clock clock;
    private final Supplier<ClockSync> clockSync;
    private final Open samples = new Open(EntryKind.SAMPLES);
    private final Open features = new Open(EntryKind.FEATURES);
    private long lostToDiskErrors;

    /** The longest the first batch of each kind waits after start. */
    public static final Duration FIRST_BATCH_AGE = Duration.ofMillis(500);

    public Batcher(
            Outbox outbox, Batching batching, AlertDelivery alertDelivery, Clock clock, Supplier<ClockSync> clockSync) {
        this.outbox = outbox;
        this.batching = batching;
        this.alertDelivery = alertDelivery;
        this.clock = clock;
        this.clockSync = clockSync;
    }

    /** A window statistic, or one of the vibration or tracked-mode features computed per window. */
    public static boolean isFeature(Reading reading) {
        return reading.statistic() != Statistic.SAMPLE
                || reading.quantity().isVibrationFeature()
                || reading.quantity().isModal();
    }

    @Override
    public synchronized void reading(Reading reading) {
        Open open = isFeature(reading) ? features : samples;
        open.add(reading, clock.instant());
        if (open.readings.size() >= batching.maxReadings()) {
            close(open);
        }
    }

    /**
     * Logged once the alert is in the journal (priority path), with the batch identity the uplink logs
     * as {@code event=alert-sent}: scripts/bench-alert-latency.sh times the edge stages from these lines.
     */
    @Override
    public synchronized void alert(AlertEvent event) {
        String identity = "-";
        if (alertDelivery == AlertDelivery.PRIORITY) {
            identity = journal(EntryKind.ALERT, List.of(), List.of(event));
        } else {
            features.addAlert(event, clock.instant());
        }
        log.info(
                "event=alert alert-id={} rule={} sensor={} severity={} state={} value={} limit={} identity={}",
                event.alertId(),
                event.ruleId(),
                event.sensorId(),
                event.severity(),
                event.state(),
                event.value(),
                event.limit(),
                identity);
    }

    /** A raw capture is journaled at once, alone: it is complete, big, and evicted on its own terms. */
    @Override
    public synchronized void capture(RawCapture capture) {
        log.info(
                "event=capture alert-id={} sensor={} samples={} rate-hz={}",
                capture.alertId(),
                capture.sensorId(),
                capture.size(),
                capture.sampleRateHz());
        try {
            AppendResult result =
                    outbox.append(EntryKind.CAPTURE, List.of(), List.of(), null, clockSync.get(), List.of(capture));
            if (result instanceof AppendResult.Journaled j) {
                log.debug(
                        "event=batch-journaled identity={} kind=CAPTURE samples={}",
                        j.entry().label(),
                        capture.size());
            }
        } catch (UncheckedIOException e) {
            lostToDiskErrors += capture.size();
            log.error(
                    "event=outbox-write-failed kind=CAPTURE alert-id={} samples={} error=\"{}\"",
                    capture.alertId(),
                    capture.size(),
                    e.getMessage(),
                    e);
        }
    }

    /** Closes every batch that has reached its maximum age. */
    public synchronized void tick() {
        Instant now = clock.instant();
        for (Open open : List.of(samples, features)) {
            Duration age = open.closedOne ? batching.maxAge() : min(batching.maxAge(), FIRST_BATCH_AGE);
            if (open.openedAt != null && !now.isBefore(open.openedAt.plus(age))) {
                close(open);
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Closes whatever is open, whatever its age: on shutdown. */
    public synchronized void flush() {
        close(samples);
        close(features);
    }

    /** Readings lost because the journal could not be written (already logged one by one). */
    public synchronized long lostToDiskErrors() {
        return lostToDiskErrors;
    }

    private void close(Open open) {
        if (open.openedAt == null) {
            return;
        }
        List<Reading> readings = List.copyOf(open.readings);
        List<AlertEvent> alerts = List.copyOf(open.alerts);
        open.clear();
        open.closedOne = true;
        journal(open.kind, readings, alerts);
    }

    /** Journals one batch; answers its identity (boot/sequence), or "-" when it was not journaled. */
    private String journal(EntryKind kind, List<Reading> readings, List<AlertEvent> alerts) {
        try {
            AppendResult result = outbox.append(kind, readings, alerts, null, clockSync.get());
            if (result instanceof AppendResult.Journaled j) {
                log.debug(
                        "event=batch-journaled identity={} kind={} readings={} alerts={}",
                        j.entry().label(),
                        kind,
                        readings.size(),
                        alerts.size());
                return j.entry().label();
            }
        } catch (UncheckedIOException e) {
            lostToDiskErrors += readings.size();
            log.error(
                    "event=outbox-write-failed kind={} readings={} alerts={} error=\"{}\"",
                    kind,
                    readings.size(),
                    alerts.size(),
                    e.getMessage(),
                    e);
        }
        return "-";
    }

    /** One batch being filled. */
    private static final class Open {
        final EntryKind kind;
        final List<Reading> readings = new ArrayList<>();
        final List<AlertEvent> alerts = new ArrayList<>();
        Instant openedAt;
        boolean closedOne;

        Open(EntryKind kind) {
            this.kind = kind;
        }

        void add(Reading reading, Instant now) {
            if (openedAt == null) {
                openedAt = now;
            }
            readings.add(reading);
        }

        void addAlert(AlertEvent event, Instant now) {
            if (openedAt == null) {
                openedAt = now;
            }
            alerts.add(event);
        }

        void clear() {
            readings.clear();
            alerts.clear();
            openedAt = null;
        }
    }
}
