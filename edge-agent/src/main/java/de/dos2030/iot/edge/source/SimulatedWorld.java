package de.dos2030.iot.edge.source;

import de.dos2030.iot.config.model.Scenario;
import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.config.model.SourceConfig;
import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.EnvironmentSignal;
import de.dos2030.iot.edge.sim.SimulatedBusFactory;
import de.dos2030.iot.edge.sim.TimeLapse;
import de.dos2030.iot.edge.sim.model.BridgeModel;
import de.dos2030.iot.edge.sim.model.ClassroomModel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated gateway for configured sensors of kind {@code simulated}: one signal model per
 * scenario and seed (sensors sharing both see the same bridge or room), and a fake chip per
 * sensor (its {@link ChipCatalogue} entry's) wired where the configuration says, unless a test or a technician's demo moves it
 * ({@link #place(SensorConfig, BusAddress)}). Each chip's {@link ChipFaults} can be reached by
 * sensor id to inject faults. A simulated source's {@code damage} is applied to its bridge's modes.
 */
public final class SimulatedWorld {

    private final Clock clock;
    private final Instant start;
    private final TimeLapse lapse;
    private final SimulatedBusFactory buses = new SimulatedBusFactory();
    private final Map<String, Object> models = new HashMap<>();
    private final Map<String, ChipFaults> faults = new HashMap<>();

    public SimulatedWorld(Clock clock) {
        this(clock, TimeLapse.none(clock.instant()));
    }

    /**
     * A world whose classroom air follows {@code lapse} (scenario time, e.g. a school day in
     * minutes); chips, bridges and sample timestamps stay on {@code clock}.
     */
    public SimulatedWorld(Clock clock, TimeLapse lapse) {
        this.clock = clock;
        this.start = clock.instant();
        this.lapse = lapse;
    }

    public SimulatedBusFactory buses() {
        return buses;
    }

    public Optional<ChipFaults> faults(String sensorId) {
        return Optional.ofNullable(faults.get(sensorId));
    }

    /** Whether the sensor's chip is in this world already (a new configuration leaves it where it is). */
    public boolean hasChipOf(String sensorId) {
        return faults.containsKey(sensorId);
    }

    /** Wires the sensor's chip where the configuration says. */
    public void place(SensorConfig s) {
        SensorSources.busAddress(s).ifPresent(where -> place(s, where));
    }

    /** Wires the sensor's chip at {@code where}, e.g. an address other than the configured one (a miswired sensor). */
    public void place(SensorConfig s, BusAddress where) {
        if (!(s.source() instanceof SourceConfig.Simulated sim))
            throw new IllegalArgumentException(s.id() + " is not simulated");
        long seed = sim.seed();
        ChipFaults f = new ChipFaults(seed ^ s.id().hashCode());
        faults.put(s.id(), f);
        Object model = model(sim.scenario(), seed);
        if (model instanceof BridgeModel bridge) {
            // Set, not added: sensors sharing the bridge may each carry the same damage.
            sim.damage().forEach(loss -> bridge.damage(loss.index(), loss.fraction(), start.plus(loss.after())));
        }
        EnvironmentSignal air =
                model instanceof ClassroomModel room ? lapse.apply(room) : ((BridgeModel) model).environment();
        ChipSupport chip = ChipCatalogue.of(s.driver())
                .orElseThrow(() -> new UnsupportedOperationException(
                        "no simulated " + s.driver().chipName() + " in this agent version"));
        Optional<BridgeModel> bridge = model instanceof BridgeModel b ? Optional.of(b) : Optional.empty();
        chip.simulate(new SimulatedChipSite(s, where, clock, f, seed, air, bridge, buses));
    }

    /** The model of a scenario and seed, created on first use (shared by sensors with both the same). */
    public Object model(Scenario scenario, long seed) {
        // A room starts at local midnight of the start day, so that a start at 10:00 finds the
        // air of a morning's lessons rather than a freshly aired room (10 s steps: cheap).
        Instant midnight = lapse.scenarioTime(start)
                .atZone(ZoneId.of("Europe/Berlin"))
                .truncatedTo(ChronoUnit.DAYS)
                .toInstant();
        return models.computeIfAbsent(scenario.wireName() + "#" + seed, k -> switch (scenario) {
            case CLASSROOM_AIRED ->
                new ClassroomModel(ClassroomModel.Settings.typical(ClassroomModel.Airing.UBA), seed, midnight);
            case CLASSROOM_UNAIRED ->
                new ClassroomModel(ClassroomModel.Settings.typical(ClassroomModel.Airing.NEVER), seed, midnight);
            case CLASSROOM_EMPTY ->
                new ClassroomModel(
                        ClassroomModel.Settings.typical(ClassroomModel.Airing.NEVER)
                                .empty(),
                        seed,
                        midnight);
            case BRIDGE_TRAFFIC -> new BridgeModel(BridgeModel.Settings.typical(), seed, start);
            case BRIDGE_AMBIENT ->
                new BridgeModel(BridgeModel.Settings.typical().withoutTraffic(), seed, start);
        });
    }
}
