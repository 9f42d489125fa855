package de.dos2030.iot.collector.alerts.delivery;

import de.dos2030.iot.collector.alerts.AlertFilter;
import de.dos2030.iot.collector.alerts.AlertNotification;
import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.ConflictException;
import de.dos2030.iot.collector.api.NotFoundException;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.collector.security.Scope;
import de.dos2030.iot.collector.security.audit.Audit;
import de.dos2030.iot.collector.words.Language;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a person may do with subscriptions, for the JSON API and the pages alike: an engineer sees
 * and changes only their own (another's is "not found"), an admin all. Checks every field and says
 * which one is wrong ({@link Problem}); creates, changes, deletes; lists deliveries; retries a dead
 * one; sends a test message. Thread-safe.
 */
@Singleton
public class Subscriptions {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The column subscription.target holds this much; a longer target was a 503 from the database. */
    static final int MAX_TARGET_LENGTH = 1000;

    private final SubscriptionStore subscriptions;
    private final DeliveryStore deliveries;
    private final DeliveryDispatcher dispatcher;
    private final DeliveryConfig config;
    private final Clock clock;
    private final Audit audit;
    private final GatewayRegistry gateways;

    public Subscriptions(
            SubscriptionStore subscriptions,
            DeliveryStore deliveries,
            DeliveryDispatcher dispatcher,
            DeliveryConfig config,
            Clock clock,
            Audit audit,
            GatewayRegistry gateways) {
        this.audit = audit;
        this.gateways = gateways;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.config = config;
        this.clock = clock;
    }

    /**
     * What is wrong with one field: {@code field} (name, channel, target, filter), a stable
     * {@code code} a page can word in its language, and the English {@code detail} the API answers.
     */
    public record Problem(String field, String code, String detail) {}

    /**
     * A subscription as a person asked for it; null fields take their defaults (language de, preset json).
     */
    public record Draft(
            @Nullable String name,
            @Nullable String channel,
            @Nullable String target,
            @Nullable AlertFilter filter,
            @Nullable Boolean enabled,
            @Nullable String language,
            @Nullable String preset) {}

    /** Every problem of a new subscription, in the order a form shows its fields; empty when it may be made. */
    public List<Problem> problems(Draft d) {
        List<Problem> out = new ArrayList<>();
        DeliveryChannel channel = d.channel() == null ? null : DeliveryChannel.parse(d.channel());
        if (channel == null) {
            out.add(new Problem(
                    "channel",
                    "channel.unknown",
                    "channel '" + d.channel() + "' is unknown (allowed: webhook, mqtt, email)"));
        }
        nameProblem(d.name()).ifPresent(out::add);
        if (channel != null) {
            targetProblem(channel, target(channel, d.target())).ifPresent(out::add);
        }
        languageProblem(d.language()).ifPresent(out::add);
        presetProblem(channel, d.preset()).ifPresent(out::add);
        try {
            filter(d.filter());
        } catch (BadRequestException e) {
            out.add(new Problem("filter", "filter.invalid", e.getMessage()));
        }
        return out;
    }

    /**
     * Creates a subscription owned by the caller; a webhook's signing secret is in the answer, once.
     *
     * @throws BadRequestException with the first problem's detail
     */
    public Subscription create(Caller caller, Draft d) {
        return create(caller, d, null);
    }

    /** As {@link #create(Caller, Draft)}, audited with the client address of {@code from} (null: none). */
    public Subscription create(Caller caller, Draft d, @Nullable HttpRequest<?> from) {
        List<Problem> problems = problems(d);
        if (!problems.isEmpty()) {
            throw new BadRequestException(problems.get(0).detail());
        }
        requireInScope(caller, filter(d.filter()));
        DeliveryChannel channel = DeliveryChannel.parse(d.channel());
        String target = target(channel, d.target());
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        String secret = null;
        if (channel == DeliveryChannel.WEBHOOK) {
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            // the Standard Webhooks form: "whsec_" and the key in standard base64, as its libraries decode it
            secret = WebhookSignature.SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
        }
        Subscription s = new Subscription(
                "sub-" + HexFormat.of().formatHex(id),
                caller.subject(),
                d.name() == null ? channel.wireName() + " " + target : d.name(),
                channel.wireName(),
                target,
                filter(d.filter()),
                d.enabled() == null || d.enabled(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS),
                d.language() == null ? Language.DEFAULT.tag() : d.language(),
                d.preset() == null ? WebhookPreset.DEFAULT.wireName() : d.preset(),
                secret,
                null);
        subscriptions.insert(s);
        audit.record(caller, from, "subscription.create", "subscription/" + s.id(), null, s);
        return s;
    }

    /** The caller's subscriptions (admin: everyone's) with delivery counts. */
    public List<Subscription> list(Caller caller) {
        return subscriptions.list(caller.is(Role.ADMIN) ? null : caller.subject());
    }

    /** One with its delivery counts. @throws NotFoundException when the caller may not see it */
    public Subscription get(Caller caller, String id) {
        return subscriptions.withCounts(visible(caller, id));
    }

    /**
     * Changes name, target, filter, enabled, language or preset (not the channel).
     *
     * @throws BadRequestException naming what is not allowed
     * @throws NotFoundException   when the caller may not see it
     */
    public Subscription update(Caller caller, String id, Draft d) {
        return update(caller, id, d, null);
    }

    /** As {@link #update(Caller, String, Draft)}, audited with the client address of {@code from}. */
    public Subscription update(Caller caller, String id, Draft d, @Nullable HttpRequest<?> from) {
        Subscription old = visible(caller, id);
        if (d.channel() != null && !d.channel().equals(old.channel())) {
            throw new BadRequestException(
                    "channel cannot change (from " + old.channel() + "): create a new subscription");
        }
        String target = d.target() == null ? old.target() : d.target();
        nameProblem(d.name())
                .or(() -> targetProblem(old.channelType(), target))
                .or(() -> languageProblem(d.language()))
                .or(() -> presetProblem(old.channelType(), d.preset()))
                .ifPresent(p -> {
                    throw new BadRequestException(p.detail());
                });
        if (d.filter() != null) {
            requireInScope(caller, filter(d.filter()));
        }
        Subscription s = new Subscription(
                old.id(),
                old.owner(),
                d.name() == null ? old.name() : d.name(),
                old.channel(),
                target,
                d.filter() == null ? old.filter() : filter(d.filter()),
                d.enabled() == null ? old.enabled() : d.enabled(),
                old.createdAt(),
                d.language() == null ? old.language() : d.language(),
                d.preset() == null ? old.preset() : d.preset(),
                null,
                null);
        subscriptions.update(s);
        audit.record(caller, from, "subscription.change", "subscription/" + id, old, s);
        dispatcher.nudge();
        return subscriptions.withCounts(s);
    }

    /** @throws NotFoundException when the caller may not see it */
    public void delete(Caller caller, String id) {
        delete(caller, id, null);
    }

    /** As {@link #delete(Caller, String)}, audited with the client address of {@code from}. */
    public void delete(Caller caller, String id, @Nullable HttpRequest<?> from) {
        Subscription old = visible(caller, id);
        subscriptions.delete(id);
        audit.record(caller, from, "subscription.delete", "subscription/" + id, old, null);
    }

    /** Deliveries newest first; {@code status} pending, delivered, dead or null for all. */
    public List<Delivery> deliveries(Caller caller, String id, @Nullable String status, int limit) {
        visible(caller, id);
        return deliveries.list(id, status, Math.max(1, Math.min(limit, 1000)));
    }

    /**
     * Sends a dead delivery again, with fresh attempts.
     *
     * @throws ConflictException when it is not dead (or does not exist)
     */
    public void retry(Caller caller, String id, long deliveryId) {
        visible(caller, id);
        if (!deliveries.retry(id, deliveryId, clock.instant())) {
            throw new ConflictException("delivery " + deliveryId + " of " + id + " is not dead (or does not exist)");
        }
        dispatcher.nudge();
    }

    /** What a test message came to: sent (the receiver took it), or why not. */
    @io.micronaut.serde.annotation.Serdeable
    public record TestOutcome(boolean sent, @Nullable String error) {}

    /**
     * Sends a test message to the subscription's target at once, outside the delivery outbox (nothing
     * is recorded or retried), and waits for the receiver's answer for at most {@code collector.delivery.timeout}.
     */
    public TestOutcome testSend(Caller caller, String id) {
        Subscription s = subscriptions.find(visible(caller, id).id()).orElseThrow(() -> noSubscription(id));
        ChannelSender sender = dispatcher.sender(s.channelType());
        if (sender == null) {
            return new TestOutcome(false, "channel " + s.channel() + " is not configured on this collector");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        AlertFilter f = s.filter();
        AlertNotification test = new AlertNotification(
                0,
                "test",
                now,
                f.gatewayId() == null ? "test" : f.gatewayId(),
                "test-" + now.toEpochMilli(),
                f.siteId() == null ? "test" : f.siteId(),
                f.siteKind() == null ? "school" : f.siteKind(),
                f.sensorId(),
                f.quantity(),
                null,
                "test",
                "server",
                f.minSeverity() == null ? "info" : f.minSeverity(),
                f.minSeverity() == null ? "info" : f.minSeverity(),
                "raised",
                null,
                null,
                "Test message from DOS IoT, sent by " + caller.subject() + ": this subscription reaches its target",
                caller.subject());
        try {
            sender.send(s, test, 0)
                    .toCompletableFuture()
                    .get(config.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            return new TestOutcome(true, null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new TestOutcome(
                    false, cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        } catch (TimeoutException e) {
            return new TestOutcome(false, "no answer within the delivery timeout");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TestOutcome(false, "interrupted");
        } catch (RuntimeException e) {
            return new TestOutcome(false, e.getMessage());
        }
    }

    /**
     * The subscription if this caller may see it: its owner or an admin.
     *
     * @throws NotFoundException otherwise, as if it did not exist
     */
    private Subscription visible(Caller caller, String id) {
        return subscriptions
                .find(id)
                .filter(s -> caller.is(Role.ADMIN) || s.owner().equals(caller.subject()))
                .orElseThrow(() -> noSubscription(id));
    }

    /**
     * A scoped caller's filter must name a site (or, for a site-kind scope, that kind) inside its scope:
     * deliveries are limited to the owner's scope anyway ({@link SubscriptionStore#plan}); this says so
     * at once instead of a subscription that never hears anything.
     *
     * @throws BadRequestException naming the filter field and the scope
     */
    private void requireInScope(Caller caller, AlertFilter f) {
        Scope scope = caller.scope();
        if (scope.isAll()) {
            return;
        }
        boolean inside = scope.sites() != null
                ? f.siteId() != null && scope.sites().contains(f.siteId())
                : f.siteId() == null
                        ? scope.siteKind().equals(f.siteKind())
                        : scope.allows(f.siteId(), siteKindOf(f.siteId()))
                                && (f.siteKind() == null || scope.siteKind().equals(f.siteKind()));
        if (!inside) {
            throw new BadRequestException("filter " + (scope.sites() != null ? "siteId" : "siteKind")
                    + " must lie inside your scope '" + scope.wire() + "'"
                    + (scope.sites() != null ? " (one of: " + String.join(", ", scope.sites()) + ")" : ""));
        }
    }

    /** The kind of a site as its gateways are registered; null when no gateway is at it. */
    @Nullable
    private String siteKindOf(String siteId) {
        return gateways.list().stream()
                .filter(g -> g.siteId().equals(siteId))
                .map(g -> g.siteKind().wireName())
                .findFirst()
                .orElse(null);
    }

    private static NotFoundException noSubscription(String id) {
        return new NotFoundException("no subscription '" + id + "' of yours");
    }

    private static String target(DeliveryChannel channel, @Nullable String target) {
        return target == null && channel == DeliveryChannel.MQTT ? "dos/alerts" : target;
    }

    private static java.util.Optional<Problem> nameProblem(@Nullable String name) {
        if (name != null && (name.isBlank() || name.length() > 200)) {
            return java.util.Optional.of(new Problem("name", "name.length", "name must be 1 to 200 characters"));
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<Problem> languageProblem(@Nullable String language) {
        if (language != null && Language.parse(language).isEmpty()) {
            return java.util.Optional.of(new Problem(
                    "language",
                    "language.unknown",
                    "language '" + language + "' is unknown (allowed: " + Language.allowed() + ")"));
        }
        return java.util.Optional.empty();
    }

    /** Matrix and Teams bodies are webhook bodies: another channel takes json (or none) only. */
    private static java.util.Optional<Problem> presetProblem(
            @Nullable DeliveryChannel channel, @Nullable String preset) {
        if (preset == null) {
            return java.util.Optional.empty();
        }
        if (WebhookPreset.parse(preset).isEmpty()) {
            return java.util.Optional.of(new Problem(
                    "preset",
                    "preset.unknown",
                    "preset '" + preset + "' is unknown (allowed: " + WebhookPreset.allowed() + ")"));
        }
        if (channel != null && channel != DeliveryChannel.WEBHOOK && !preset.equals(WebhookPreset.DEFAULT.wireName())) {
            return java.util.Optional.of(new Problem(
                    "preset",
                    "preset.webhook-only",
                    "preset '" + preset + "' is for webhooks only; channel " + channel.wireName() + " takes json"));
        }
        return java.util.Optional.empty();
    }

    private java.util.Optional<Problem> targetProblem(DeliveryChannel channel, @Nullable String target) {
        if (target == null || target.isBlank()) {
            return java.util.Optional.of(
                    new Problem("target", "target.required", "target is required for channel " + channel.wireName()));
        }
        if (target.length() > MAX_TARGET_LENGTH) {
            return java.util.Optional.of(new Problem(
                    "target",
                    "target.too-long",
                    "target of " + target.length() + " characters is longer than " + MAX_TARGET_LENGTH
                            + " characters"));
        }
        try {
            dispatcher.sender(channel).checkTarget(target);
        } catch (IllegalArgumentException e) {
            return java.util.Optional.of(new Problem("target", "target.refused." + channel.wireName(), e.getMessage()));
        }
        return java.util.Optional.empty();
    }

    private static AlertFilter filter(@Nullable AlertFilter f) {
        if (f == null) {
            return AlertFilter.ANY;
        }
        return AlertFilter.of(f.siteId(), f.siteKind(), f.gatewayId(), f.sensorId(), f.quantity(), f.minSeverity());
    }
}
