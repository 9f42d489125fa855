package de.dos2030.iot.edge.fleet;

import de.dos2030.iot.config.ConfigException;
import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.config.model.Defaults;
import de.dos2030.iot.config.model.FleetConfig;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.edge.fleet.DesiredState.ConfigPart;
import de.dos2030.iot.edge.fleet.Reconfigurable.Running;
import de.dos2030.iot.edge.outbox.Outbox;
import de.dos2030.iot.edge.outbox.OutboxEntry;
import de.dos2030.iot.edge.outbox.OutboxListener;
import de.dos2030.iot.edge.outbox.ReleaseReason;
import de.dos2030.iot.model.FleetChange;
import de.dos2030.iot.model.FleetChange.Outcome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a desired configuration in two phases: validate (refuse with the loader's
 * {@code line:column} messages, or when it would change the gateway's identity or its outbox),
 * keep the running file and write the new one with a marker, switch in-process, watch
 * ({@code apply-watch}: every sensor answers, at least one batch journaled after the switch is
 * stored), then commit, or switch back and say why. Each outcome is recorded in
 * {@link FleetChanges} and journaled at once in a health report.
 *
 * <p>Offers from the watchers' threads queue on the applier's own thread; one apply at a time. A
 * version that runs already, or that last rolled back, is ignored.
 */
public final class ConfigApplier implements OutboxListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConfigApplier.class);
    static final Duration POLL = Duration.ofMillis(200);

    private final Reconfigurable target;
    private final ConfigFiles files;
    private final FleetChanges changes;
    private final Outbox outbox;
    private final Clock clock;
    private final Path baseDirectory;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "config-apply");
        t.setDaemon(true);
        return t;
    });
    /** Entries from this id on prove the new configuration's uplink once stored. */
    private volatile long watchFrom = Long.MAX_VALUE;

    private volatile boolean storedSinceSwitch;

    /**
     * @param baseDirectory what relative paths in a remote file resolve against: the directory of the
     *                      file the agent was installed with, so the same text means the same there and here
     */
    public ConfigApplier(
            Reconfigurable target,
            ConfigFiles files,
            FleetChanges changes,
            Outbox outbox,
            Clock clock,
            Path baseDirectory) {
        this.target = target;
        this.files = files;
        this.changes = changes;
        this.outbox = outbox;
        this.clock = clock;
        this.baseDirectory = baseDirectory;
        outbox.addListener(this);
    }

    /** Queues {@code part} for the applier's thread; returns at once. */
    public void offer(ConfigPart part) {
        thread.execute(() -> {
            try {
                apply(part);
            } catch (RuntimeException e) {
                log.error("event=config-apply-failed version={} error=\"{}\"", part.version(), e.toString(), e);
            }
        });
    }

    /** Applies {@code part} on the calling thread (the watch blocks it); the outcome, or empty when ignored. */
    public Optional<FleetChange> apply(ConfigPart part) {
        Running before = target.running();
        if (part.version().equals(before.version())) {
            log.debug("desired configuration {} runs already", part.version());
            return Optional.empty();
        }
        if (files.failedVersion().filter(part.version()::equals).isPresent()) {
            log.debug("desired configuration {} rolled back before: not tried again", part.version());
            return Optional.empty();
        }
        GatewayConfig next;
        try {
            next = GatewayConfigLoader.loadString(part.yaml(), baseDirectory, "desired " + part.version());
        } catch (ConfigException e) {
            files.rolledBack(part.version()); // refused once is enough: not again at every reconnect
            return Optional.of(outcome(part.version(), Outcome.REFUSED, e.getMessage()));
        }
        Optional<String> refusal = refusal(before.config(), next);
        if (refusal.isPresent()) {
            files.rolledBack(part.version()); // a refused version is not tried again either
            return Optional.of(outcome(part.version(), Outcome.REFUSED, refusal.get()));
        }
        files.beginApply(part.yaml(), before.yaml());
        outcome(part.version(), Outcome.APPLYING, null);
        Optional<String> failure = switchAndWatch(new Running(next, part.yaml(), part.version()), watchOf(next));
        if (failure.isEmpty()) {
            files.commit(before.yaml());
            return Optional.of(outcome(part.version(), Outcome.COMMITTED, null));
        }
        try {
            target.switchTo(before, "rule removed by rolling back to configuration " + before.version());
        } catch (Exception e) {
            // The previous configuration ran a moment ago; if it cannot start now, a restart is the way back.
            log.error("event=config-rollback-failed version={} error=\"{}\"", before.version(), e.toString(), e);
        }
        files.rolledBack(part.version());
        return Optional.of(outcome(part.version(), Outcome.ROLLED_BACK, failure.get()));
    }

    /** Switches and watches; the reason it failed, or empty when the new configuration proved itself. */
    private Optional<String> switchAndWatch(Running next, Duration watch) {
        storedSinceSwitch = false;
        SensorWatch sensors;
        try {
            sensors = target.switchTo(next, "rule removed by configuration " + next.version());
        } catch (Exception e) {
            return Optional.of("the configuration did not start: " + e.getMessage());
        }
        watchFrom = outbox.nextEntryId();
        Instant deadline = clock.instant().plus(watch);
        log.info("event=config-watch version={} watch-ms={}", next.version(), watch.toMillis());
        while (clock.instant().isBefore(deadline)) {
            Optional<String> broken = sensors.broken();
            if (broken.isPresent()) {
                return broken;
            }
            sleep(POLL);
        }
        watchFrom = Long.MAX_VALUE;
        Optional<String> silent = sensors.broken().or(sensors::silent);
        if (silent.isPresent()) {
            return silent;
        }
        if (!storedSinceSwitch) {
            return Optional.of("no batch journaled after the switch was stored by the collector within "
                    + watch.toSeconds() + " s: the uplink did not prove itself");
        }
        return Optional.empty();
    }

    @Override
    public void released(OutboxEntry entry, ReleaseReason reason) {
        if (reason == ReleaseReason.STORED && entry.id() >= watchFrom) {
            storedSinceSwitch = true;
        }
    }

    /** Why {@code next} may not replace {@code running} at all, or empty. */
    static Optional<String> refusal(GatewayConfig running, GatewayConfig next) {
        return identityChange(running, next)
                .or(() -> next.fleet().isEmpty()
                        ? Optional.of("the configuration has no fleet: section: the gateway could never be configured"
                                + " remotely again; keep the section")
                        : Optional.empty());
    }

    /** Whether {@code next} names another gateway, site or outbox than {@code running}: never done remotely. */
    public static Optional<String> identityChange(GatewayConfig running, GatewayConfig next) {
        if (!running.id().equals(next.id())) {
            return Optional.of("the configuration is for gateway '" + next.id() + "', this is '" + running.id()
                    + "': a gateway id never changes remotely");
        }
        if (!running.site().id().equals(next.site().id())) {
            return Optional.of("the configuration moves the gateway to site '"
                    + next.site().id() + "' from '" + running.site().id()
                    + "': the site id never changes remotely (re-enrol the gateway)");
        }
        if (!running.outbox().directory().equals(next.outbox().directory())) {
            return Optional.of("the configuration moves the outbox to "
                    + next.outbox().directory() + " from "
                    + running.outbox().directory() + ": the outbox directory never changes remotely (its batches"
                    + " would be left behind)");
        }
        return Optional.empty();
    }

    private static Duration watchOf(GatewayConfig next) {
        return next.fleet().map(FleetConfig::applyWatch).orElse(Defaults.FLEET_APPLY_WATCH);
    }

    private FleetChange outcome(String version, Outcome outcome, String reason) {
        FleetChange change = new FleetChange(FleetChange.Kind.CONFIG, version, outcome, reason, clock.instant());
        changes.record(change);
        if (outcome == Outcome.APPLYING || outcome == Outcome.COMMITTED) {
            log.info("event=config-{} version={}", outcome.name().toLowerCase().replace('_', '-'), version);
        } else {
            log.warn(
                    "event=config-{} version={} reason=\"{}\"",
                    outcome.name().toLowerCase().replace('_', '-'),
                    version,
                    String.valueOf(reason).replace('\n', ' '));
        }
        try {
            target.reportHealth();
        } catch (RuntimeException e) {
            log.error("event=health-failed error=\"{}\"", e.toString(), e);
        }
        return change;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while watching a new configuration", e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
