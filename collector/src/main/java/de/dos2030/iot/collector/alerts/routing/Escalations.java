package de.dos2030.iot.collector.alerts.routing;

import de.dos2030.iot.collector.alerts.AlertFilter;
import de.dos2030.iot.collector.alerts.delivery.Subscriptions;
import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.NotFoundException;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

/**
 * Escalation chains as a person manages them: an engineer sees and changes only their own, and may name only
 * subscriptions they can see as tiers; an admin all. Thread-safe.
 */
@Singleton
public class Escalations {
    static final int MAX_TIERS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EscalationStore store;
    private final Subscriptions subscriptions;
    private final Clock clock;

    public Escalations(EscalationStore store, Subscriptions subscriptions, Clock clock) {
        this.store = store;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    /** An escalation as asked for; {@code filter.minSeverity} is the least severity that escalates. */
    @Serdeable
    public record EscalationRequest(
            @Nullable String name,
            @Nullable AlertFilter filter,
            @Nullable List<Escalation.Tier> tiers) {}

    /** @throws BadRequestException naming the field that is wrong (a tier's subscription the caller cannot see too) */
    public Escalation create(Caller caller, EscalationRequest r) {
        String name = r.name() == null ? "escalation" : r.name().trim();
        if (name.isEmpty() || name.length() > 200) {
            throw new BadRequestException("name must be 1 to 200 characters");
        }
        AlertFilter f = r.filter() == null
                ? AlertFilter.ANY
                : AlertFilter.of(
                        r.filter().siteId(),
                        r.filter().siteKind(),
                        r.filter().gatewayId(),
                        r.filter().sensorId(),
                        r.filter().quantity(),
                        r.filter().minSeverity());
        if (r.tiers() == null || r.tiers().isEmpty() || r.tiers().size() > MAX_TIERS) {
            throw new BadRequestException("tiers must list 1 to " + MAX_TIERS + " tiers {after, subscriptionId}");
        }
        Duration previous = Duration.ZERO;
        for (int i = 0; i < r.tiers().size(); i++) {
            Escalation.Tier t = r.tiers().get(i);
            Duration d;
            try {
                d = t.delay();
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("tiers[" + i + "]: " + e.getMessage());
            }
            if (d.compareTo(previous) <= 0) {
                throw new BadRequestException(
                        "tiers[" + i + "].after " + t.after() + " must be later than the tier before");
            }
            previous = d;
            if (t.subscriptionId() == null) {
                throw new BadRequestException("tiers[" + i + "].subscriptionId is required");
            }
            try {
                subscriptions.get(caller, t.subscriptionId());
            } catch (NotFoundException e) {
                throw new BadRequestException("tiers[" + i + "].subscriptionId: " + e.getMessage());
            }
        }
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        List<Escalation.Tier> tiers = r.tiers().stream()
                .map(t -> new Escalation.Tier(t.delay().toString(), t.subscriptionId()))
                .toList();
        Escalation e = new Escalation(
                "esc-" + HexFormat.of().formatHex(id),
                caller.subject(),
                name,
                f,
                tiers,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        store.insert(e);
        return e;
    }

    public List<Escalation> list(Caller caller) {
        return store.list(caller.is(Role.ADMIN) ? null : caller.subject());
    }

    /** @throws NotFoundException when the caller may not see it */
    public Escalation get(Caller caller, String id) {
        return list(caller).stream()
                .filter(e -> e.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("no escalation '" + id + "' of yours"));
    }

    public void delete(Caller caller, String id) {
        store.delete(get(caller, id).id());
    }
}
