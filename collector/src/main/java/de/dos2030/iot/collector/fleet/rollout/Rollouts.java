package de.dos2030.iot.collector.fleet.rollout;

import de.dos2030.iot.collector.fleet.config.ConfigRefused;
import de.dos2030.iot.collector.gateways.Gateway;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts and cancels staged rollouts; {@link RolloutWorker} advances them. A rollout is checked whole before it
 * starts: every gateway's file must pass (422 with every problem, per gateway file name), so a rollout never
 * stops half-way on a file that could have been refused up front. Thread-safe, blocking.
 */
@Singleton
public class Rollouts {
    static final List<Integer> DEFAULT_STEPS = List.of(10, 50, 100);
    static final Duration DEFAULT_PACE = Duration.ofMinutes(2);
    static final Duration DEFAULT_WATCH = Duration.ofMinutes(5);

    private final RolloutStore store;
    private final GatewayRegistry registry;
    private final Map<RolloutKind, RolloutAction> actions = new LinkedHashMap<>();
    private final Clock clock;

    public Rollouts(RolloutStore store, GatewayRegistry registry, List<RolloutAction> actions, Clock clock) {
        this.store = store;
        this.registry = registry;
        actions.forEach(a -> this.actions.put(a.kind(), a));
        this.clock = clock;
    }

    /**
     * Checks and stores a new rollout; its canary is asked at the worker's next round.
     *
     * @throws IllegalArgumentException a malformed request (400), naming the field
     * @throws ConfigRefused            a gateway file that does not pass (422)
     */
    public Rollout start(RolloutRequest req, String createdBy) {
        RolloutKind kind = req.kind() == null ? RolloutKind.CONFIG : RolloutKind.parse(req.kind());
        RolloutAction action = actions.get(kind);
        if (action == null) {
            throw new IllegalArgumentException("kind '" + kind.wireName() + "' cannot be rolled out yet (allowed: "
                    + String.join(", ", kinds()) + ")");
        }
        if (kind == RolloutKind.CONFIG && req.version() != null && req.yaml() == null) {
            throw new IllegalArgumentException(
                    "version without yaml is not supported for a config rollout: send the gateway file as yaml");
        }
        if (kind == RolloutKind.AGENT && req.yaml() != null) {
            throw new IllegalArgumentException("yaml is for config rollouts: an agent rollout names its version");
        }
        List<Integer> steps = RolloutPlan.checkSteps(req.percentSteps() == null ? DEFAULT_STEPS : req.percentSteps());
        Duration pace = duration("pace", req.pace(), DEFAULT_PACE, Duration.ZERO);
        Duration watch = duration("watch", req.watch(), DEFAULT_WATCH, Duration.ofSeconds(1));
        List<Gateway> gateways = ordered(select(req), req.canary());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Rollout rollout = new Rollout(
                "ro-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12),
                kind,
                req.yaml(),
                kind == RolloutKind.AGENT ? req.version() : null,
                RolloutStatus.RUNNING,
                steps,
                pace,
                watch,
                createdBy,
                now,
                0,
                null,
                now,
                null,
                null);
        List<Integer> stepOf = RolloutPlan.steps(gateways.size(), steps);
        List<Rollout.Member> members = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < gateways.size(); i++) {
            Gateway g = gateways.get(i);
            try {
                String version = action.targetVersion(g, rollout);
                members.add(
                        new Rollout.Member(g.id(), i, stepOf.get(i), version, GatewayStep.WAITING, null, null, null));
            } catch (ConfigRefused e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigRefused("the rollout's gateway file does not pass for every gateway", problems);
        }
        store.create(rollout, members);
        return rollout;
    }

    /** Stops a running rollout: no further gateway is asked; those asked keep their new desired state. */
    public Optional<Rollout> cancel(String id, String by) {
        Optional<Rollout> r = store.find(id);
        if (r.isEmpty()) {
            return r;
        }
        if (!store.finish(
                id, RolloutStatus.CANCELLED, clock.instant().truncatedTo(ChronoUnit.MILLIS), "cancelled by " + by)) {
            throw new IllegalStateException("rollout '" + id + "' is "
                    + store.find(id).orElseThrow().status().wireName() + ", not running: nothing to cancel");
        }
        return store.find(id);
    }

    public Optional<Rollout> find(String id) {
        return store.find(id);
    }

    public List<Rollout.Member> members(String id) {
        return store.members(id);
    }

    public List<Rollout> list() {
        return store.list(100);
    }

    Optional<RolloutAction> action(RolloutKind kind) {
        return Optional.ofNullable(actions.get(kind));
    }

    private List<String> kinds() {
        return actions.keySet().stream().map(RolloutKind::wireName).toList();
    }

    private List<Gateway> select(RolloutRequest req) {
        if ((req.gateways() == null) == (req.selector() == null)) {
            throw new IllegalArgumentException("name either gateways [ids] or a selector {siteKind, sites}, not both");
        }
        List<Gateway> out = new ArrayList<>();
        if (req.gateways() != null) {
            for (String id : req.gateways()) {
                Gateway g = registry.find(id)
                        .orElseThrow(() -> new IllegalArgumentException("gateways: '" + id + "' is not registered"));
                if (out.stream().noneMatch(o -> o.id().equals(id))) {
                    out.add(g);
                }
            }
        } else {
            RolloutRequest.Selector s = req.selector();
            if (s.siteKind() != null
                    && !s.siteKind().equals("bridge")
                    && !s.siteKind().equals("school")) {
                throw new IllegalArgumentException(
                        "selector.siteKind '" + s.siteKind() + "' is unknown (allowed: bridge, school)");
            }
            for (Gateway g : registry.list()) {
                if (g.enabled()
                        && (s.siteKind() == null || g.siteKind().wireName().equals(s.siteKind()))
                        && (s.sites() == null || s.sites().contains(g.siteId()))) {
                    out.add(g);
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the rollout reaches no gateway: check gateways or selector");
        }
        return out;
    }

    /** The canary first, then the others in the order given (by id for a selector). */
    private static List<Gateway> ordered(List<Gateway> gateways, String canary) {
        if (canary == null) {
            return gateways;
        }
        List<Gateway> out = new ArrayList<>();
        gateways.stream().filter(g -> g.id().equals(canary)).forEach(out::add);
        if (out.isEmpty()) {
            throw new IllegalArgumentException("canary '" + canary + "' is not one of the rollout's gateways");
        }
        gateways.stream().filter(g -> !g.id().equals(canary)).forEach(out::add);
        return out;
    }

    private static Duration duration(String field, String text, Duration fallback, Duration least) {
        if (text == null) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(text);
            if (d.compareTo(least) < 0) {
                throw new IllegalArgumentException(field + " '" + text + "' must be at least " + least);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " '" + text + "' is not an ISO-8601 duration (e.g. PT2M)");
        }
    }
}
