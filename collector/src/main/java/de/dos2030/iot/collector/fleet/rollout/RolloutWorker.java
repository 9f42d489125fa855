package de.dos2030.iot.collector.fleet.rollout;

import de.dos2030.iot.collector.activity.ActivityTracker;
import de.dos2030.iot.collector.activity.GatewaySeen;
import de.dos2030.iot.collector.fleet.FleetConfig;
import de.dos2030.iot.collector.fleet.config.ConfigRefused;
import de.dos2030.iot.collector.fleet.reported.ReportedChange;
import de.dos2030.iot.collector.fleet.reported.ReportedChanges;
import de.dos2030.iot.collector.gateways.Gateway;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Advances running rollouts every {@code collector.fleet.rollout-interval} (by the injected clock; tests move it
 * and call {@link #run}). A step begins once its pace has passed: its gateways are asked (desired state set);
 * then the step waits until each reports the new version committed (next step after the pace), or one reports
 * it rolled back or refused, or the watch time passes without a report: then the rollout stops with the reason
 * and no further gateway is asked.
 *
 * <p>All state is in the database, so a restarted collector continues where the rollout stood; several
 * instances may run this: each rollout is advanced by the instance holding its lease (taken over once it
 * passed), and asking a gateway again is harmless (its desired state is set to the same file).
 */
@Context
public class RolloutWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RolloutWorker.class);

    private final RolloutStore store;
    private final Rollouts rollouts;
    private final GatewayRegistry registry;
    private final ReportedChanges reported;
    private final ActivityTracker activity;
    private final FleetConfig config;
    private final Clock clock;
    private final String owner = instanceName();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fleet-rollouts");
        t.setDaemon(true);
        return t;
    });

    public RolloutWorker(
            RolloutStore store,
            Rollouts rollouts,
            GatewayRegistry registry,
            ReportedChanges reported,
            ActivityTracker activity,
            FleetConfig config,
            Clock clock) {
        this.store = store;
        this.rollouts = rollouts;
        this.registry = registry;
        this.reported = reported;
        this.activity = activity;
        this.config = config;
        this.clock = clock;
        long every = config.rolloutInterval().toMillis();
        timer.scheduleWithFixedDelay(this::runQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    private void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warn("Rollout round failed (will retry): {}", e.toString());
        }
    }

    /** One round now over every running rollout this instance can lease. */
    public synchronized void run() {
        for (String id : store.running()) {
            Instant now = now();
            if (store.lease(id, owner, now, config.rolloutLease())) {
                store.find(id).ifPresent(r -> advance(r, now));
            }
        }
    }

    private void advance(Rollout r, Instant now) {
        List<Rollout.Member> members = store.members(r.id());
        List<Rollout.Member> step =
                members.stream().filter(m -> m.step() == r.currentStep()).toList();
        if (step.isEmpty()) {
            finish(r, RolloutStatus.COMPLETED, now, null);
            return;
        }
        if (step.stream().anyMatch(m -> m.status() == GatewayStep.WAITING)) {
            if (now.isBefore(r.nextStepAt())) {
                return; // paced
            }
            begin(r, step, now);
            return;
        }
        for (Rollout.Member m : step) {
            if (m.status() != GatewayStep.SENT) {
                continue;
            }
            Optional<GatewaySeen> seen = activity.gateway(m.gatewayId());
            ReportedChange latest = reported.of(m.gatewayId()).get(r.kind().change());
            RolloutJudge.Verdict v = RolloutJudge.judge(
                    m.targetVersion(),
                    m.sentAt(),
                    latest,
                    seen.map(s -> r.kind() == RolloutKind.CONFIG ? s.configVersion() : s.agentVersion())
                            .orElse(null),
                    seen.map(GatewaySeen::healthAt).orElse(null));
            if (v.step() == null && !now.isBefore(m.sentAt().plus(r.watch()))) {
                v = new RolloutJudge.Verdict(GatewayStep.NO_REPORT, "no report within " + r.watch());
            }
            if (v.step() != null) {
                store.markMember(r.id(), m.gatewayId(), v.step(), now, v.reason());
                if (v.step().failed()) {
                    finish(
                            r,
                            RolloutStatus.FAILED,
                            now,
                            "gateway '" + m.gatewayId() + "' "
                                    + v.step().wireName() + " " + m.targetVersion()
                                    + (v.reason() == null ? "" : ": " + v.reason()));
                    return;
                }
            }
        }
        if (store.members(r.id()).stream()
                .filter(m -> m.step() == r.currentStep())
                .allMatch(m -> m.status() == GatewayStep.COMMITTED)) {
            int last = members.stream().mapToInt(Rollout.Member::step).max().orElse(0);
            if (r.currentStep() >= last) {
                finish(r, RolloutStatus.COMPLETED, now, null);
            } else {
                store.nextStep(r.id(), r.currentStep() + 1, now.plus(r.pace()));
                LOG.info(
                        "Rollout {}: step {} committed, step {} after {}",
                        r.id(),
                        r.currentStep(),
                        r.currentStep() + 1,
                        r.pace());
            }
        }
    }

    /** Asks the step's gateways; a gateway that is gone or whose file no longer passes stops the rollout. */
    private void begin(Rollout r, List<Rollout.Member> step, Instant now) {
        RolloutAction action = rollouts.action(r.kind()).orElse(null);
        if (action == null) {
            finish(
                    r,
                    RolloutStatus.FAILED,
                    now,
                    "this collector cannot roll out kind '" + r.kind().wireName() + "'");
            return;
        }
        for (Rollout.Member m : step) {
            if (m.status() != GatewayStep.WAITING) {
                continue;
            }
            Optional<Gateway> g = registry.find(m.gatewayId());
            try {
                if (g.isEmpty()) {
                    throw new IllegalStateException("gateway '" + m.gatewayId() + "' is no longer registered");
                }
                action.apply(g.get(), r);
            } catch (ConfigRefused e) {
                finish(r, RolloutStatus.FAILED, now, e.getMessage() + ": " + String.join("; ", e.problems()));
                return;
            } catch (IllegalStateException e) {
                finish(r, RolloutStatus.FAILED, now, e.getMessage());
                return;
            }
            store.markMember(r.id(), m.gatewayId(), GatewayStep.SENT, now, null);
        }
        store.stepStarted(r.id(), now);
        LOG.info("Rollout {}: step {} asked {} gateway(s)", r.id(), r.currentStep(), step.size());
    }

    private void finish(Rollout r, RolloutStatus status, Instant now, String reason) {
        if (store.finish(r.id(), status, now, reason == null ? null : cut(reason))) {
            LOG.info("Rollout {} {}{}", r.id(), status.wireName(), reason == null ? "" : ": " + reason);
        }
    }

    private static String cut(String s) {
        return s.length() <= 2400 ? s : s.substring(0, 2399) + "…";
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown";
        }
        String name = host + "-" + UUID.randomUUID().toString().substring(0, 8);
        return name.length() > 64 ? name.substring(name.length() - 64) : name;
    }

    @PreDestroy
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
