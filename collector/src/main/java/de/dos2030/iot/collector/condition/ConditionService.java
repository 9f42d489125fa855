package de.dos2030.iot.collector.condition;

import de.dos2030.iot.collector.alerts.AlertService;
import de.dos2030.iot.collector.alerts.AlertSignal;
import de.dos2030.iot.collector.ingest.IngestService;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Severity;
import de.dos2030.iot.model.SiteKind;
import io.micronaut.context.annotation.Context;
import io.micronaut.runtime.event.annotation.EventListener;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the {@link ConditionEngine} into the collector: every stored batch of a bridge gateway feeds it
 * (after InfluxDB accepted the batch), its state goes to {@link ConditionStore}, its alerts through
 * {@link AlertService} like every other alert (same lifecycle, subscriptions and deliveries). At start-up
 * the engine is restored from the store, so detectors and learning periods survive a restart; only the
 * open (unfinished) bin and the coverage counts are lost. Thread-safe.
 *
 * <p>One instance must see all of a bridge's batches (see collector/README.md, "Condition monitoring").
 */
@Context
public class ConditionService {
    private static final Logger LOG = LoggerFactory.getLogger(ConditionService.class);

    private final ConditionConfig config;
    private final ConditionStore store;
    private final ConditionEngine engine;
    private final Clock clock;

    public ConditionService(ConditionConfig config, ConditionStore store, AlertService alerts, Clock clock) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.engine = new ConditionEngine(config, new Port(store, alerts), clock);
        if (config.enabled()) {
            for (ConditionStore.Restored r : store.loadAll()) {
                engine.restore(r.series(), r.learningBins(), r.latest());
            }
        }
    }

    @EventListener
    void onBatch(IngestService.BatchStored stored) {
        if (!config.enabled() || stored.sender().siteKind() != SiteKind.BRIDGE) {
            return;
        }
        try {
            engine.accept(stored.sender().id(), stored.sender().siteId(), stored.storedReadings());
        } catch (RuntimeException e) {
            // The batch is stored; condition monitoring must not turn that into "try later" for the gateway.
            LOG.warn(
                    "Condition monitoring skipped part of batch {} of {}: {}",
                    stored.batch().identity(),
                    stored.sender().id(),
                    e.toString());
        }
    }

    /** Where each followed feature of a bridge stands, now. */
    public ConditionSummary summary(String siteId) {
        return ConditionSummary.of(siteId, clock.instant(), engine.status(siteId));
    }

    /** Every baseline version of a bridge. */
    public List<Baseline> baselines(String siteId) {
        return store.baselines(siteId);
    }

    /**
     * Starts a new learning period at {@code since} for the matching features (null: all sensors or features).
     *
     * @return the features that now learn (empty when nothing matched)
     */
    public List<SeriesKey> relearn(String siteId, String sensorId, Feature feature, Instant since) {
        return engine.relearn(siteId, sensorId, feature, since);
    }

    /** The engine's outside world: the relational store and the alert service. */
    private record Port(ConditionStore store, AlertService alerts) implements ConditionPort {
        @Override
        public void learningBin(SeriesKey key, BinPoint bin) {
            store.learningBin(key, bin);
        }

        @Override
        public void baselineLearned(Baseline baseline) {
            store.baselineLearned(baseline);
            LOG.info(
                    "Baseline v{} of {} '{}' at bridge '{}': {} + {} x T, sigma {} ({} bins)",
                    baseline.version(),
                    baseline.feature(),
                    baseline.sensorId(),
                    baseline.siteId(),
                    baseline.intercept(),
                    baseline.slope(),
                    baseline.sigma(),
                    baseline.bins());
        }

        @Override
        public void seriesMoved(SeriesRecord series) {
            store.seriesMoved(series);
        }

        @Override
        public void alert(ConditionAlert a) {
            alerts.record(new AlertSignal(
                    AlertSignal.Source.SERVER,
                    a.gatewayId(),
                    a.key().siteId(),
                    SiteKind.BRIDGE.wireName(),
                    a.alertId(),
                    a.key().feature().alertRule(),
                    a.key().sensorId(),
                    a.key().feature().quantity().wireName(),
                    Severity.WARNING,
                    a.step() == Step.RAISE ? AlertState.RAISED : AlertState.CLEARED,
                    a.value(),
                    a.limit(),
                    a.time(),
                    a.message()));
        }
    }
}
