package de.dos2030.iot.edge.runtime;

import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.edge.fleet.DesiredReceiver;
import de.dos2030.iot.edge.fleet.DesiredState.AgentPart;
import de.dos2030.iot.edge.fleet.FleetChanges;
import de.dos2030.iot.edge.update.AgentUpdater;
import de.dos2030.iot.edge.update.ProgressBeacon;
import de.dos2030.iot.edge.update.SystemdNotifier;
import de.dos2030.iot.edge.update.UpdateOutcomeOnStart;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side of signed updates and of systemd: the updater (on when the launcher runs the agent, which
 * exports {@code DOS_AGENT_DIR}, and the file names {@code fleet.collector-url} and {@code fleet.release-key}),
 * the outcome a revert left at start, the commit once the new agent is healthy, and READY/WATCHDOG pings while
 * the agent's timer makes progress (a hung pipeline holds the station lock, the timer stops beating, systemd
 * restarts the agent).
 */
final class UpdateSide implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UpdateSide.class);
    /** The launcher's slots directory; absent when the agent runs without it (development, tests, the harness). */
    static final String SLOTS_ENV = "DOS_AGENT_DIR";
    /** Three missed one-second beats and the watchdog gets no ping. */
    private static final Duration LIVENESS = Duration.ofSeconds(20);

    private final Optional<AgentUpdater> updater;
    private final ProgressBeacon beacon;
    private final ExecutorService downloads = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "agent-update");
        t.setDaemon(true);
        return t;
    });
    private volatile Optional<SystemdNotifier> systemd = Optional.empty();
    private boolean confirmed;

    UpdateSide(GatewayConfig config, FleetChanges changes, Clock clock) {
        this.beacon = new ProgressBeacon(clock);
        Optional<Path> slots = Optional.ofNullable(System.getenv(SLOTS_ENV)).map(Path::of);
        slots.ifPresent(dir -> UpdateOutcomeOnStart.report(dir, Agent.VERSION, clock, changes::record));
        this.updater = slots.flatMap(dir -> config.fleet()
                .filter(f -> f.collectorUrl().isPresent() && f.releaseKey().isPresent())
                .map(f -> new AgentUpdater(
                        f.collectorUrl().get(),
                        FleetSide.token(config),
                        f.releaseKey().get(),
                        dir,
                        f.updateWatch(),
                        clock,
                        Agent.VERSION,
                        changes::record,
                        UpdateSide::restartOnTheNewAgent)));
        log.info(
                "event=agent-updates-{} slots={}",
                updater.isPresent() ? "on" : "off",
                slots.map(Path::toString).orElse("none (" + SLOTS_ENV + " unset: not started by launch-agent.sh)"));
    }

    /** Where desired agent releases go: downloaded off the MQTT callback thread, or only logged when updates are off. */
    Consumer<AgentPart> offers() {
        if (updater.isEmpty()) {
            return DesiredReceiver.UPDATES_NOT_WIRED;
        }
        return part -> downloads.execute(
                () -> updater.get().offer(part.version(), part.sha256(), part.signature(), part.url()));
    }

    /** After the agent started: READY=1 to systemd, then watchdog pings while {@link #beat()} is called. */
    void started() {
        systemd = SystemdNotifier.fromEnvironment(() -> beacon.beatWithin(LIVENESS));
        systemd.ifPresent(SystemdNotifier::ready);
    }

    /**
     * Every second from the agent's timer: a beat for the watchdog; an agent on trial commits once it is healthy,
     * and asks for the restart that reverts it when its time ran out.
     */
    void beat(BooleanSupplier healthy) {
        beacon.beat();
        if (updater.isEmpty() || confirmed) {
            return;
        }
        if (healthy.getAsBoolean()) {
            updater.get().confirmHealthy();
            confirmed = true;
        } else if (updater.get().overdue()) {
            log.warn("event=agent-update-overdue version={} action=restart-to-revert", Agent.VERSION);
            confirmed = true;
            restartOnTheNewAgent();
        }
    }

    /** The graceful shutdown runs in the JVM's shutdown hook; the unit restarts on this exit code. */
    private static void restartOnTheNewAgent() {
        new Thread(() -> System.exit(AgentUpdater.RESTART_EXIT_CODE), "agent-restart").start();
    }

    @Override
    public void close() {
        systemd.ifPresent(SystemdNotifier::stopping);
        systemd.ifPresent(SystemdNotifier::close);
        downloads.shutdownNow();
    }
}
