package de.dos2030.iot.edge.pipeline;

import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.RuleConfig;
import de.dos2030.iot.config.model.SendPolicy;
import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.config.model.TiltConfig;
import de.dos2030.iot.edge.pipeline.action.GpioOutputs;
import de.dos2030.iot.edge.pipeline.action.LocalOutputs;
import de.dos2030.iot.edge.pipeline.action.OutputState;
import de.dos2030.iot.edge.pipeline.capture.CaptureRing;
import de.dos2030.iot.edge.pipeline.capture.CaptureTrigger;
import de.dos2030.iot.edge.pipeline.feature.TiltEstimator;
import de.dos2030.iot.edge.pipeline.filter.LatestTemperature;
import de.dos2030.iot.edge.pipeline.rules.AlertSink;
import de.dos2030.iot.edge.pipeline.rules.AlertTracker;
import de.dos2030.iot.edge.pipeline.rules.RuleStateStore;
import de.dos2030.iot.edge.pipeline.rules.SensorRules;
import de.dos2030.iot.edge.pipeline.time.EpochNanos;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sample.SensorFault;
import de.dos2030.iot.edge.sample.SensorListener;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway's processing: every sample of every configured sensor goes through its filter chain,
 * window features and rules; readings and alert events go to the {@link PipelineOutput}, rule
 * levels drive the local outputs. See the package documentation for the whole contract.
 *
 * <p>Thread-safe: sensors call {@link #sample}, {@link #fault} and {@link #recovered} from their
 * bus threads; the runtime calls {@link #tick()} about once a second. All of them run under one
 * lock, so the output is called by one thread at a time, in order.
 */
public final class Pipeline implements SensorListener, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Pipeline.class.getName());

    /** Sensor id suffixes of the angles derived from an accelerometer with {@code tilt:}. */
    public static final String PITCH_SUFFIX = TiltConfig.PITCH_SUFFIX;

    public static final String ROLL_SUFFIX = TiltConfig.ROLL_SUFFIX;
    private static final long MIN_TEMPERATURE_AGE_NANOS = 60_000_000_000L;

    private final Object lock = new Object();
    private final Clock clock;
    private final PipelineOutput output;
    private final RuleStateStore store;
    private final LocalOutputs localOutputs;
    private final Map<String, SensorNode> sensors = new HashMap<>();
    private final List<AlertTracker> trackers = new ArrayList<>();
    private final Map<String, TiltEstimator> tilts = new HashMap<>();
    private final List<CaptureRing> captures = new ArrayList<>();
    private final Set<String> warnedUnknown = new HashSet<>();
    private long unknownSamples;
    private boolean closed;

    private Pipeline(
            GatewayConfig config,
            Clock clock,
            PipelineOutput output,
            LocalOutputs localOutputs,
            RuleStateStore store,
            SpectrumListener spectra,
            String orphanReason) {
        this.clock = clock;
        this.output = output;
        this.store = store;
        this.localOutputs = localOutputs;
        long start = EpochNanos.of(clock.instant());
        AlertSink sink = this::transition;
        Map<String, LatestTemperature> temperatures = temperatureSources(config);
        for (SensorConfig sc : config.sensors()) {
            // Rules on tilt of an accelerometer with derived tilt watch its pitch and roll nodes instead.
            List<RuleConfig> own = sc.tilt().isEmpty()
                    ? sc.rules()
                    : sc.rules().stream()
                            .filter(r -> r.quantity() != Quantity.TILT)
                            .toList();
            SensorNode node = node(sc.id(), sc.send(), own, sink, start, store);
            LatestTemperature compensation = sc.calibration()
                    .temperatureCompensation()
                    .map(tc -> temperatures.get(tc.source().orElse(sc.id())))
                    .orElse(null);
            long maxAge = compensation == null ? 0 : maxTemperatureAge(config, sc);
            for (Quantity q : sc.sampleQuantities()) {
                node.channels[q.ordinal()] = new QuantityChannel(
                        node,
                        sc,
                        q,
                        sc.deliveredRateHz(),
                        output,
                        spectra,
                        q == Quantity.TEMPERATURE ? temperatures.get(sc.id()) : null,
                        q == Quantity.STRAIN ? compensation : null,
                        maxAge);
            }
            sc.tilt().ifPresent(t -> tilts.put(sc.id(), tilt(sc, t, sink, start, spectra)));
            captureRing(sc, node);
        }
        clearOrphans(start, orphanReason);
        if (localOutputs != null) {
            localOutputs.update(trackers);
        }
    }

    private SensorNode node(
            String id, SendPolicy send, List<RuleConfig> rules, AlertSink sink, long start, RuleStateStore store) {
        SensorRules sensorRules = new SensorRules(id, rules, sink, start, store);
        SensorNode node = new SensorNode(id, send, sensorRules);
        sensors.put(id, node);
        trackers.addAll(sensorRules.trackers());
        return node;
    }

    /** Pitch and roll as two nodes ({@code <id>-pitch}, {@code <id>-roll}) with the sensor's tilt filters, windows and rules. */
    private TiltEstimator tilt(SensorConfig sc, TiltConfig t, AlertSink sink, long start, SpectrumListener spectra) {
        List<RuleConfig> tiltRules =
                sc.rules().stream().filter(r -> r.quantity() == Quantity.TILT).toList();
        QuantityChannel[] angles = new QuantityChannel[2];
        String[] suffixes = {PITCH_SUFFIX, ROLL_SUFFIX};
        for (int i = 0; i < 2; i++) {
            SensorNode node = node(sc.id() + suffixes[i], sc.send(), tiltRules, sink, start, store);
            // The angles arrive once per interval, not at the accelerometer's rate.
            angles[i] = new QuantityChannel(
                    node, sc, Quantity.TILT, 1e9 / t.interval().toNanos(), output, spectra, null, null, 0);
            node.channels[Quantity.TILT.ordinal()] = angles[i];
        }
        return new TiltEstimator(t.lowPass().toNanos(), t.interval().toNanos(), angles[0]::input, angles[1]::input);
    }

    /** The pre-trigger ring of a sensor with {@code capture:}, on its primary quantity's channel. */
    private void captureRing(SensorConfig sc, SensorNode node) {
        Quantity primary = sc.driver().primaryQuantity();
        QuantityChannel channel = node.channels[primary.ordinal()];
        if (sc.capture().isPresent() && channel != null) {
            CaptureRing ring = new CaptureRing(
                    sc.id(), primary, sc.deliveredRateHz(), sc.capture().get(), output::capture);
            channel.capture(ring);
            captures.add(ring);
        }
    }

    /** One latest-temperature cell per sensor whose temperature compensates a strain gauge. */
    private static Map<String, LatestTemperature> temperatureSources(GatewayConfig config) {
        Map<String, LatestTemperature> out = new HashMap<>();
        for (SensorConfig sc : config.sensors()) {
            sc.calibration()
                    .temperatureCompensation()
                    .ifPresent(tc -> out.computeIfAbsent(tc.source().orElse(sc.id()), id -> new LatestTemperature()));
        }
        return out;
    }

    /** A compensating temperature counts for a minute, or three of its sample periods if they are longer. */
    private static long maxTemperatureAge(GatewayConfig config, SensorConfig strain) {
        String source = strain.calibration()
                .temperatureCompensation()
                .flatMap(tc -> tc.source())
                .orElse(strain.id());
        long period =
                config.sensor(source).map(s -> s.sampling().period().toNanos()).orElse(0L);
        return Math.max(MIN_TEMPERATURE_AGE_NANOS, 3 * period);
    }

    /**
     * The pipeline of a gateway.
     *
     * @param config   the loaded gateway file: sensors with filters, feature windows and rules; outputs
     * @param clock    the gateway clock: no-data timers and overdue windows run on it (tests pass a
     *                 clock they move; sample timestamps drive everything else)
     * @param output   receives readings and alert events (the batcher; replay's printer)
     * @param gpio     opens the traffic-light and buzzer pins the file lists; {@link GpioOutputs#none()}
     *                 when it lists none
     * @param stateDir where rule state survives restarts ({@value RuleStateStore#FILE_NAME})
     * @throws BusException         when a configured output pin cannot be opened
     * @throws UncheckedIOException when the rule state cannot be read
     */
    public static Pipeline create(
            GatewayConfig config, Clock clock, PipelineOutput output, GpioOutputs gpio, Path stateDir)
            throws BusException {
        return create(config, clock, output, gpio, stateDir, ORPHAN_REASON);
    }

    /**
     * The same, saying why an alarm persisted by the previous pipeline is cleared when its rule is gone,
     * e.g. {@code rule removed by configuration sha256:...} when a remote configuration replaced the file.
     */
    public static Pipeline create(
            GatewayConfig config,
            Clock clock,
            PipelineOutput output,
            GpioOutputs gpio,
            Path stateDir,
            String orphanReason)
            throws BusException {
        Objects.requireNonNull(stateDir, "stateDir");
        RuleStateStore store = RuleStateStore.open(stateDir);
        LocalOutputs outputs = LocalOutputs.open(config.outputs(), gpio);
        return new Pipeline(config, clock, output, outputs, store, null, orphanReason);
    }

    /** Why an alarm of a rule that left the gateway file is cleared at start. */
    public static final String ORPHAN_REASON = "rule no longer in the gateway file: alert closed";

    /**
     * A pipeline without local outputs and without persisted state, for replays and tests: every
     * rule starts normal. {@code spectra} may be {@code null}.
     */
    public static Pipeline inMemory(
            GatewayConfig config, Clock clock, PipelineOutput output, SpectrumListener spectra) {
        return new Pipeline(config, clock, output, null, RuleStateStore.inMemory(), spectra, ORPHAN_REASON);
    }

    @Override
    public void sample(Sample sample) {
        synchronized (lock) {
            QuantityChannel c = channel(sample.sensorId(), sample.quantity());
            if (c != null) {
                c.input(EpochNanos.of(sample.timestamp()), sample.value(), sample.quality());
            }
        }
    }

    /**
     * The allocation-free input of one channel.
     *
     * @throws IllegalArgumentException when the sensor is not configured or does not deliver {@code quantity}
     */
    public SampleInput input(String sensorId, Quantity quantity) {
        SensorNode node = sensors.get(sensorId);
        if (node == null || node.channels[quantity.ordinal()] == null) {
            throw new IllegalArgumentException("no channel " + sensorId + " " + quantity.wireName()
                    + ": configured sensors are " + sensors.keySet());
        }
        QuantityChannel c = node.channels[quantity.ordinal()];
        return (nanos, value, quality) -> {
            synchronized (lock) {
                c.input(nanos, value, quality);
            }
        };
    }

    /**
     * The allocation-free input for all three axes of an accelerometer with derived tilt.
     *
     * @throws IllegalArgumentException when the sensor is not configured with {@code tilt:}
     */
    public AxesInput axes(String sensorId) {
        TiltEstimator tilt = tilts.get(sensorId);
        if (tilt == null) {
            throw new IllegalArgumentException(
                    "sensor '" + sensorId + "' derives no tilt: sensors with tilt are " + tilts.keySet());
        }
        return (nanos, x, y, z, quality) -> {
            synchronized (lock) {
                tilt.accept(nanos, x, y, z, quality);
            }
        };
    }

    /**
     * An accelerometer's x/y/z set from its driver: feeds the sensor's tilt, if it has {@code tilt:};
     * ignored otherwise (the single-axis samples carry its vibration).
     */
    @Override
    public void axes(String sensorId, Instant time, double x, double y, double z, Quality quality) {
        TiltEstimator tilt = tilts.get(sensorId);
        if (tilt != null) {
            synchronized (lock) {
                tilt.accept(EpochNanos.of(time), x, y, z, quality);
            }
        }
    }

    @Override
    public void fault(SensorFault fault) {
        synchronized (lock) {
            SensorNode node = node(fault.sensorId());
            if (node != null) {
                node.rules().fault(EpochNanos.of(fault.time()), fault.kind().name(), fault.message());
            }
        }
    }

    @Override
    public void recovered(String sensorId, Instant time) {
        synchronized (lock) {
            SensorNode node = node(sensorId);
            if (node != null) {
                node.rules().recovered(EpochNanos.of(time));
            }
        }
    }

    /** Runs what time alone decides: no-data checks and closing overdue windows. Call about once a second. */
    public void tick() {
        synchronized (lock) {
            if (closed) {
                return; // a replaced pipeline's windows ended with it; its batcher is flushed already
            }
            long now = EpochNanos.of(clock.instant());
            for (SensorNode node : sensors.values()) {
                for (QuantityChannel c : node.channels) {
                    if (c != null) {
                        c.tick(now);
                    }
                }
                node.rules().tick(now);
            }
            for (CaptureRing ring : captures) {
                ring.tick(now);
            }
        }
    }

    /** Emits what filters and open windows still hold (the end of a replay). Rules keep their state. */
    public void flush() {
        synchronized (lock) {
            for (SensorNode node : sensors.values()) {
                for (QuantityChannel c : node.channels) {
                    if (c != null) {
                        c.flushAll();
                    }
                }
            }
        }
    }

    /** The local outputs as they are now. */
    public OutputState outputs() {
        synchronized (lock) {
            return localOutputs == null ? new OutputState(Optional.empty(), false) : localOutputs.state();
        }
    }

    /** Every alert raised now, by sensor and rule. */
    public List<ActiveAlert> activeAlerts() {
        synchronized (lock) {
            List<ActiveAlert> out = new ArrayList<>();
            for (AlertTracker t : trackers) {
                if (t.isActive()) {
                    out.add(new ActiveAlert(
                            t.alertId(),
                            t.sensorId(),
                            t.ruleId(),
                            t.kind().wireName(),
                            t.active(),
                            EpochNanos.toInstant(t.raisedAtNanos())));
                }
            }
            return out;
        }
    }

    /** Alarm raises that found all of a sensor's capture slots open, summed over sensors (see {@link CaptureRing}). */
    public long capturesSkipped() {
        synchronized (lock) {
            return captures.stream().mapToLong(CaptureRing::skipped).sum();
        }
    }

    /** Samples dropped because their sensor or quantity is not configured. */
    public long unknownSamples() {
        synchronized (lock) {
            return unknownSamples;
        }
    }

    /**
     * Writes the rule state and switches the local outputs off. Active alerts stay active: the next
     * start restores them without raising them again. Open windows are not flushed: a partial
     * window's statistics would be misleading.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                store.write();
            } finally {
                if (localOutputs != null) {
                    localOutputs.off();
                }
            }
        }
    }

    private SensorNode node(String sensorId) {
        SensorNode node = sensors.get(sensorId);
        if (node == null && warnedUnknown.add(sensorId)) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "signal from sensor ''{0}'', which the gateway file does not list:" + " ignored (configured: {1})",
                    sensorId,
                    sensors.keySet());
        }
        return node;
    }

    private QuantityChannel channel(String sensorId, Quantity q) {
        SensorNode node = node(sensorId);
        QuantityChannel c = node == null ? null : node.channels[q.ordinal()];
        if (c == null) {
            unknownSamples++;
            if (node != null && warnedUnknown.add(sensorId + "/" + q.wireName())) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "sensor ''{0}'' delivered {1}, which its driver/columns do not" + " list: ignored",
                        sensorId,
                        q.wireName());
            }
        }
        return c;
    }

    /** Every state change of every check: out at once, then persisted, then shown locally. */
    private void transition(AlertTracker tracker, AlertEvent event) {
        output.alert(event);
        if (CaptureTrigger.fires(tracker, event)) {
            long now = EpochNanos.of(clock.instant());
            for (CaptureRing ring : captures) {
                ring.trigger(event.alertId(), tracker.raisedAtNanos(), now);
            }
        }
        try {
            store.update(tracker);
        } catch (UncheckedIOException e) {
            // The alert itself is out; losing its persistence only risks a re-raise after a restart.
            LOG.log(System.Logger.Level.ERROR, e.getMessage(), e);
        }
        SensorNode node = sensors.get(tracker.sensorId());
        if (node != null) {
            node.recount();
        }
        if (localOutputs != null) {
            localOutputs.update(trackers); // faults and missing data of a light's sensor show too
        }
    }

    /** Alerts persisted by the last run whose rule is gone from the file: cleared, so none stays open forever. */
    private void clearOrphans(long now, String reason) {
        Set<String> known = new HashSet<>();
        for (AlertTracker t : trackers) {
            known.add(t.key());
        }
        for (RuleStateStore.Entry e : List.copyOf(store.entries().values())) {
            if (known.contains(e.key())) {
                continue;
            }
            String[] parts = e.key().split("/", 3);
            output.alert(new AlertEvent(
                    e.alertId(),
                    parts.length > 1 ? parts[1] : e.key(),
                    parts[0],
                    null,
                    e.severity(),
                    AlertState.CLEARED,
                    null,
                    null,
                    EpochNanos.toInstant(now),
                    reason));
            try {
                store.remove(e.key());
            } catch (UncheckedIOException ex) {
                LOG.log(System.Logger.Level.ERROR, ex.getMessage(), ex);
            }
        }
    }
}
