package de.dos2030.iot.collector.alerts.delivery;

import de.dos2030.iot.collector.alerts.AlertFilter;
import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.ConflictException;
import de.dos2030.iot.collector.api.NotFoundException;
import de.dos2030.iot.collector.security.Allowed;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Pattern;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Subscriptions (role engineer and up). An engineer sees and changes only its own; another's is
 * answered 404, as if it did not exist. An admin sees and changes all.
 */
@Controller("/api/v1/subscriptions")
@ExecuteOn(TaskExecutors.BLOCKING)
@Allowed(Role.ENGINEER)
public class SubscriptionController {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The column subscription.target holds this much; a longer target was a 503 from the database. */
    static final int MAX_TARGET_LENGTH = 1000;

    private final SubscriptionStore subscriptions;
    private final DeliveryStore deliveries;
    private final DeliveryDispatcher dispatcher;
    private final Clock clock;

    public SubscriptionController(
            SubscriptionStore subscriptions, DeliveryStore deliveries, DeliveryDispatcher dispatcher, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /**
     * A subscription as sent. {@code channel}: webhook, mqtt or email; {@code target}: URL, topic
     * prefix (default dos/alerts) or e-mail address; {@code filter}: all criteria optional.
     */
    @Serdeable
    public record SubscriptionRequest(
            @Nullable String name,
            @Nullable String channel,
            @Nullable String target,
            @Nullable AlertFilter filter,
            @Nullable Boolean enabled) {}

    @Operation(summary = "Create a subscription; a webhook's signing secret is in the answer, once")
    @Post
    public HttpResponse<Subscription> create(HttpRequest<?> request, @Body SubscriptionRequest body) {
        Caller caller = Caller.of(request);
        DeliveryChannel channel = body.channel() == null ? null : DeliveryChannel.parse(body.channel());
        if (channel == null) {
            throw new BadRequestException(
                    "channel '" + body.channel() + "' is unknown (allowed: webhook, mqtt, email)");
        }
        String target = body.target() == null && channel == DeliveryChannel.MQTT ? "dos/alerts" : body.target();
        check(channel, body.name(), target);
        AlertFilter filter = filter(body.filter());
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        String secret = null;
        if (channel == DeliveryChannel.WEBHOOK) {
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        }
        Subscription s = new Subscription(
                "sub-" + HexFormat.of().formatHex(id),
                caller.subject(),
                body.name() == null ? channel.wireName() + " " + target : body.name(),
                channel.wireName(),
                target,
                filter,
                body.enabled() == null || body.enabled(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS),
                secret,
                null);
        subscriptions.insert(s);
        return HttpResponse.created(s);
    }

    @Operation(summary = "Own subscriptions (admin: all) with delivery counts and the last error")
    @Get
    public List<Subscription> list(HttpRequest<?> request) {
        Caller caller = Caller.of(request);
        return subscriptions.list(caller.is(Role.ADMIN) ? null : caller.subject());
    }

    @Get("/{id}")
    public Subscription get(HttpRequest<?> request, @PathVariable String id) {
        return subscriptions.withCounts(visible(request, id));
    }

    @Operation(summary = "Change name, target, filter or enabled (not the channel)")
    @Put("/{id}")
    public Subscription update(HttpRequest<?> request, @PathVariable String id, @Body SubscriptionRequest body) {
        Subscription old = visible(request, id);
        if (body.channel() != null && !body.channel().equals(old.channel())) {
            throw new BadRequestException(
                    "channel cannot change (from " + old.channel() + "): create a new subscription");
        }
        String target = body.target() == null ? old.target() : body.target();
        check(old.channelType(), body.name(), target);
        Subscription s = new Subscription(
                old.id(),
                old.owner(),
                body.name() == null ? old.name() : body.name(),
                old.channel(),
                target,
                body.filter() == null ? old.filter() : filter(body.filter()),
                body.enabled() == null ? old.enabled() : body.enabled(),
                old.createdAt(),
                null,
                null);
        subscriptions.update(s);
        dispatcher.nudge();
        return subscriptions.withCounts(s);
    }

    @Delete("/{id}")
    public HttpResponse<Void> delete(HttpRequest<?> request, @PathVariable String id) {
        visible(request, id);
        subscriptions.delete(id);
        return HttpResponse.noContent();
    }

    @Operation(summary = "Deliveries of a subscription, newest first; status: pending, delivered or dead")
    @Get("/{id}/deliveries")
    public List<Delivery> deliveries(
            HttpRequest<?> request,
            @PathVariable String id,
            @Nullable
                    @Pattern(
                            regexp = "pending|delivered|dead",
                            message = "is unknown (allowed: pending, delivered, dead)")
                    @QueryValue
                    String status,
            @Nullable @QueryValue Integer limit) {
        visible(request, id);
        return deliveries.list(id, status, limit == null ? 100 : Math.max(1, Math.min(limit, 1000)));
    }

    @Operation(summary = "Send a dead delivery again, with fresh attempts")
    @Post("/{id}/deliveries/{deliveryId}/retry")
    public HttpResponse<Void> retry(HttpRequest<?> request, @PathVariable String id, @PathVariable long deliveryId) {
        visible(request, id);
        if (!deliveries.retry(id, deliveryId, clock.instant())) {
            throw new ConflictException("delivery " + deliveryId + " of " + id + " is not dead (or does not exist)");
        }
        dispatcher.nudge();
        return HttpResponse.accepted();
    }

    /**
     * The subscription if this caller may see it: its owner or an admin.
     *
     * @throws NotFoundException otherwise, as if it did not exist
     */
    private Subscription visible(HttpRequest<?> request, String id) {
        Caller caller = Caller.of(request);
        return subscriptions
                .find(id)
                .filter(s -> caller.is(Role.ADMIN) || s.owner().equals(caller.subject()))
                .orElseThrow(() -> new NotFoundException("no subscription '" + id + "' of yours"));
    }

    /**
     * @throws BadRequestException when the name or the target is not allowed for this channel
     */
    private void check(DeliveryChannel channel, @Nullable String name, @Nullable String target) {
        if (name != null && (name.isBlank() || name.length() > 200)) {
            throw new BadRequestException("name must be 1 to 200 characters");
        }
        if (target == null || target.isBlank()) {
            throw new BadRequestException("target is required for channel " + channel.wireName());
        }
        if (target.length() > MAX_TARGET_LENGTH) {
            throw new BadRequestException(
                    "target of " + target.length() + " characters is longer than " + MAX_TARGET_LENGTH + " characters");
        }
        try {
            dispatcher.sender(channel).checkTarget(target);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    private static AlertFilter filter(@Nullable AlertFilter f) {
        if (f == null) {
            return AlertFilter.ANY;
        }
        return AlertFilter.of(f.siteId(), f.siteKind(), f.gatewayId(), f.sensorId(), f.quantity(), f.minSeverity());
    }
}
