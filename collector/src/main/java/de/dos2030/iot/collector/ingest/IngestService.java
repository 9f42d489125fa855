package de.dos2030.iot.collector.ingest;

import de.dos2030.iot.collector.gateways.Gateway;
import de.dos2030.iot.collector.rollup.TierLayout;
import de.dos2030.iot.collector.storage.InfluxConfig;
import de.dos2030.iot.collector.storage.InfluxWriter;
import de.dos2030.iot.collector.storage.Points;
import de.dos2030.iot.collector.storage.StorageLayout;
import de.dos2030.iot.collector.tiers.BatchWindows;
import de.dos2030.iot.collector.tiers.DirtyMarker;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.RawCapture;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.WireNames;
import de.dos2030.iot.model.codec.BatchCodec;
import de.dos2030.iot.model.codec.DecodeException;
import de.dos2030.iot.model.validation.Problem;
import de.dos2030.iot.model.validation.ValidationReport;
import de.dos2030.iot.model.validation.Validator;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one ingest path behind every door: the sender's rate -> identity check -> validation -> store
 * (readings to the site kind's raw policy, quarantine, alerts and health to the events policy) -> mark
 * the rollup windows the readings touched -> sequence tracking -> alert events -> outcome. The
 * windows are marked before the outcome: a batch answered "stored" is never missing from the tiers. Doors decode and
 * authenticate, call {@link #ingest}, and map the {@link IngestOutcome} to their own codes.
 * Thread-safe; never blocks the caller: the outcome completes when InfluxDB answered.
 */
@Singleton
public class IngestService {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    private final Validator validator;
    private final InfluxWriter writer;
    private final InfluxConfig influxConfig;
    private final SequenceTracker sequences;
    private final DirtyMarker dirtyMarker;
    private final IngestMetrics metrics;
    private final GatewayRateLimits rates;
    private final ApplicationEventPublisher<AlertsStored> alertEvents;
    private final ApplicationEventPublisher<BatchStored> batchEvents;
    private final ApplicationEventPublisher<CapturesReceived> captureEvents;
    private final Clock clock;

    public IngestService(
            Validator validator,
            InfluxWriter writer,
            InfluxConfig influxConfig,
            SequenceTracker sequences,
            DirtyMarker dirtyMarker,
            IngestMetrics metrics,
            GatewayRateLimits rates,
            ApplicationEventPublisher<AlertsStored> alertEvents,
            ApplicationEventPublisher<BatchStored> batchEvents,
            ApplicationEventPublisher<CapturesReceived> captureEvents,
            Clock clock) {
        this.validator = validator;
        this.writer = writer;
        this.influxConfig = influxConfig;
        this.sequences = sequences;
        this.dirtyMarker = dirtyMarker;
        this.metrics = metrics;
        this.rates = rates;
        this.alertEvents = alertEvents;
        this.batchEvents = batchEvents;
        this.captureEvents = captureEvents;
        this.clock = clock;
    }

    /** Valid alert events of a stored batch, for the alert service (published after InfluxDB accepted them). */
    public record AlertsStored(String gatewayId, String siteId, String siteKind, List<AlertEvent> alerts) {}

    /**
     * The raw captures of a valid batch, for the capture store; published (listeners run on this
     * thread) before the ack, so a listener that throws makes the gateway try later.
     */
    public record CapturesReceived(String gatewayId, String siteId, List<RawCapture> captures, Instant receivedAt) {}

    /**
     * A batch whose valid part InfluxDB accepted: activity tracking (last seen, health, sensors)
     * listens. {@code storedReadings} holds only the readings that were stored.
     */
    public record BatchStored(Gateway sender, Batch batch, List<Reading> storedReadings) {}

    /**
     * Decodes untrusted bytes with size limit, then ingests them as sent by {@code sender}.
     * A payload that is not a batch is rejected with the decoder's path and reason; a sender over
     * its rate gets {@link IngestOutcome.TooMany} before anything is decoded.
     */
    public CompletionStage<IngestOutcome> ingest(
            Door door, Gateway sender, BatchCodec codec, byte[] payload, int maxBytes) {
        IngestOutcome refused = overRate(door, sender);
        if (refused != null) {
            return CompletableFuture.completedFuture(refused);
        }
        Batch batch = null;
        if (payload.length > maxBytes) {
            refused = IngestOutcome.Rejected.of(
                    RejectKind.TOO_LARGE,
                    "",
                    "payload of " + payload.length + " bytes is over the limit of " + maxBytes + " bytes");
        } else if (codec == null) {
            refused = IngestOutcome.Rejected.of(
                    RejectKind.UNSUPPORTED_FORMAT,
                    "",
                    "unsupported content format (allowed: application/json, application/cbor)");
        } else {
            try {
                batch = codec.decode(payload);
            } catch (DecodeException e) {
                refused = IngestOutcome.Rejected.of(RejectKind.BAD_REQUEST, e.path(), e.reason());
            } catch (RuntimeException e) {
                // A decoder bug must not become a server error nor take the door down: log it loudly.
                LOG.error(
                        "{} decoder failed on a {}-byte payload from {}",
                        codec.mediaType(),
                        payload.length,
                        sender.id(),
                        e);
                refused = IngestOutcome.Rejected.of(
                        RejectKind.BAD_REQUEST,
                        "",
                        "payload could not be decoded as " + codec.mediaType() + ": "
                                + e.getClass().getSimpleName());
            }
        }
        if (refused != null) {
            metrics.outcome(door, refused);
            return CompletableFuture.completedFuture(refused);
        }
        return store(door, sender, batch);
    }

    /** Ingests a decoded batch sent by the authenticated {@code sender}, within its rate. */
    public CompletionStage<IngestOutcome> ingest(Door door, Gateway sender, Batch batch) {
        IngestOutcome refused = overRate(door, sender);
        return refused != null ? CompletableFuture.completedFuture(refused) : store(door, sender, batch);
    }

    /** {@link IngestOutcome.TooMany} when {@code sender} is over its rate, else null (and a token taken). */
    private IngestOutcome overRate(Door door, Gateway sender) {
        return rates.take(sender.id())
                .map(wait -> {
                    IngestOutcome tooMany = new IngestOutcome.TooMany(
                            new IngestOutcome.Identity(sender.id(), null, null),
                            wait,
                            "gateway '" + sender.id() + "' sends faster than its share: try again in "
                                    + IngestAnswer.retryAfterSeconds(wait) + " s");
                    metrics.outcome(door, tooMany);
                    return tooMany;
                })
                .orElse(null);
    }

    /**
     * Raw captures go to the relational store (they passed validation with the envelope) before the
     * ack, so that the gateway releases them only once they are kept; null when stored (or none).
     */
    private IngestOutcome storeCaptures(Batch batch, IngestOutcome.Identity id) {
        if (batch.captures().isEmpty()) {
            return null;
        }
        try {
            captureEvents.publishEvent(
                    new CapturesReceived(batch.gatewayId(), batch.siteId(), batch.captures(), clock.instant()));
            return null;
        } catch (RuntimeException e) {
            LOG.warn("Captures of batch {} not stored, gateway told to try later: {}", batch.identity(), e.toString());
            return new IngestOutcome.TryLater(
                    id, influxConfig.retryAfter(), "capture store unavailable: " + e.getMessage());
        }
    }

    private CompletionStage<IngestOutcome> store(Door door, Gateway sender, Batch batch) {
        Instant receivedAt = clock.instant();
        IngestOutcome.Identity id = new IngestOutcome.Identity(batch.gatewayId(), batch.bootId(), batch.sequence());
        ValidationReport report = validator.validate(batch);
        IngestOutcome early = null;
        if (batch.gatewayId() != null && !batch.gatewayId().equals(sender.id())) {
            early = new IngestOutcome.Rejected(
                    id,
                    RejectKind.FORBIDDEN,
                    List.of(new Problem(
                            "gatewayId",
                            "batch claims gateway '" + batch.gatewayId() + "' but was sent by '" + sender.id() + "'")));
        } else if (batch.siteId() != null && !batch.siteId().equals(sender.siteId())) {
            early = new IngestOutcome.Rejected(
                    id,
                    RejectKind.FORBIDDEN,
                    List.of(new Problem(
                            "siteId",
                            "gateway '" + sender.id() + "' is registered for site '" + sender.siteId() + "', not '"
                                    + batch.siteId() + "'")));
        } else if (!report.envelopeValid()) {
            early = new IngestOutcome.Rejected(id, RejectKind.BAD_REQUEST, report.problems());
        }
        if (early != null) {
            metrics.outcome(door, early);
            return CompletableFuture.completedFuture(early);
        }

        String siteKind = sender.siteKind().wireName();
        Points readingPoints = new Points(batch.readings().size(), TierLayout.rawPolicy(sender.siteKind()));
        Points points = new Points(batch.alerts().size() + 1); // the events policy
        List<Reading> stored = report.isValid()
                ? batch.readings()
                : new ArrayList<>(batch.readings().size());
        StorageLayout.ReadingLines readingLines = new StorageLayout.ReadingLines(batch, siteKind);
        boolean allValid = report.isValid(); // the usual case: no look-up of problems per reading
        for (int i = 0; i < batch.readings().size(); i++) {
            Reading r = batch.readings().get(i);
            List<Problem> problems = allValid ? List.of() : report.readingProblems(i);
            if (problems.isEmpty()) {
                readingLines.addTo(readingPoints, r);
                if (stored != batch.readings()) {
                    stored.add(r);
                }
            } else {
                points.add(StorageLayout.quarantinedReading(batch, siteKind, "readings[" + i + "]", r, problems));
            }
        }
        List<AlertEvent> goodAlerts = new ArrayList<>();
        for (int i = 0; i < batch.alerts().size(); i++) {
            AlertEvent a = batch.alerts().get(i);
            List<Problem> problems = report.alertProblems(i);
            if (problems.isEmpty()) {
                points.add(StorageLayout.alert(batch, siteKind, a));
                goodAlerts.add(a);
            } else {
                points.add(StorageLayout.quarantinedAlert(batch, siteKind, "alerts[" + i + "]", a, problems));
            }
        }
        if (batch.health() != null) {
            points.add(StorageLayout.health(batch, siteKind, batch.health()));
        }
        int readings = stored.size();
        int quarantined = batch.readings().size() - readings + batch.alerts().size() - goodAlerts.size();
        long started = System.nanoTime();
        return CompletableFuture.allOf(writer.write(readingPoints), writer.write(points))
                .thenCompose(ok -> dirtyMarker.mark(BatchWindows.of(batch, sender.siteKind(), stored)))
                .orTimeout(influxConfig.ingestTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .handle((ok, failure) -> {
                    IngestOutcome outcome;
                    if (failure == null) {
                        sequences.record(batch.gatewayId(), batch.bootId(), batch.sequence());
                        batchEvents.publishEvent(new BatchStored(sender, batch, stored));
                        outcome = storeCaptures(batch, id);
                        if (outcome == null && !goodAlerts.isEmpty() && AlertStages.enabled()) {
                            long storedMs = clock.millis();
                            goodAlerts.forEach(a -> AlertStages.stored(
                                    a.alertId(), WireNames.of(a.state()), receivedAt.toEpochMilli(), storedMs));
                        }
                        if (outcome == null && !goodAlerts.isEmpty()) {
                            // Recorded (and their deliveries queued) before the ack: a gateway deletes an alert
                            // only once the collector holds it. When that fails the gateway re-sends; the
                            // readings overwrite themselves and the alert events are de-duplicated by id.
                            try {
                                alertEvents.publishEvent(
                                        new AlertsStored(batch.gatewayId(), batch.siteId(), siteKind, goodAlerts));
                            } catch (RuntimeException e) {
                                LOG.warn(
                                        "Alerts of batch {} not recorded, gateway told to try later: {}",
                                        batch.identity(),
                                        e.toString());
                                outcome = new IngestOutcome.TryLater(
                                        id, influxConfig.retryAfter(), "alert store unavailable: " + e.getMessage());
                            }
                        }
                        if (outcome == null) {
                            outcome = new IngestOutcome.Stored(
                                    id,
                                    readings,
                                    goodAlerts.size(),
                                    quarantined,
                                    report.problems(),
                                    receivedAt,
                                    clock.instant());
                            metrics.stored(door, readings, quarantined, System.nanoTime() - started);
                        }
                    } else {
                        Throwable cause = failure instanceof java.util.concurrent.CompletionException
                                ? failure.getCause()
                                : failure;
                        String reason = cause instanceof TimeoutException
                                ? "InfluxDB did not confirm within "
                                        + influxConfig.ingestTimeout().toMillis() + " ms"
                                : Objects.toString(
                                        cause.getMessage(), cause.getClass().getSimpleName());
                        LOG.warn(
                                "Batch {} via {} not stored, gateway told to try later: {}",
                                batch.identity(),
                                door.label(),
                                reason);
                        outcome = new IngestOutcome.TryLater(id, influxConfig.retryAfter(), reason);
                    }
                    metrics.outcome(door, outcome);
                    return outcome;
                });
    }
}
