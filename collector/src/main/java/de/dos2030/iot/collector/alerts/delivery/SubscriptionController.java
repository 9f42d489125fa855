package de.dos2030.iot.collector.alerts.delivery;

import de.dos2030.iot.collector.alerts.AlertFilter;
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
import java.util.List;

/**
 * Subscriptions (role engineer and up), over {@link Subscriptions}: an engineer sees and changes only
 * its own; another's is answered 404, as if it did not exist. An admin sees and changes all.
 */
@Controller("/api/v1/subscriptions")
@ExecuteOn(TaskExecutors.BLOCKING)
@Allowed(Role.ENGINEER)
public class SubscriptionController {
    private final Subscriptions subscriptions;

    public SubscriptionController(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    /**
     * A subscription as sent. {@code channel}: webhook, mqtt or email; {@code target}: URL, topic
     * prefix (default dos/alerts) or e-mail address; {@code filter}: all criteria optional; {@code language}:
     * de (default) or en, for e-mail and chat texts; {@code preset} (webhooks): json (default, the raw event),
     * matrix (an m.room.message) or teams (an Adaptive Card).
     */
    @Serdeable
    public record SubscriptionRequest(
            @Nullable String name,
            @Nullable String channel,
            @Nullable String target,
            @Nullable AlertFilter filter,
            @Nullable Boolean enabled,
            @Nullable String language,
            @Nullable String preset) {

        Subscriptions.Draft draft() {
            return new Subscriptions.Draft(name, channel, target, filter, enabled, language, preset);
        }
    }

    @Operation(summary = "Create a subscription; a webhook's signing secret is in the answer, once")
    @Post
    public HttpResponse<Subscription> create(HttpRequest<?> request, @Body SubscriptionRequest body) {
        return HttpResponse.created(subscriptions.create(Caller.of(request), body.draft(), request));
    }

    @Operation(summary = "Own subscriptions (admin: all) with delivery counts and the last error")
    @Get
    public List<Subscription> list(HttpRequest<?> request) {
        return subscriptions.list(Caller.of(request));
    }

    @Get("/{id}")
    public Subscription get(HttpRequest<?> request, @PathVariable String id) {
        return subscriptions.get(Caller.of(request), id);
    }

    @Operation(summary = "Change name, target, filter, enabled, language or preset (not the channel)")
    @Put("/{id}")
    public Subscription update(HttpRequest<?> request, @PathVariable String id, @Body SubscriptionRequest body) {
        return subscriptions.update(Caller.of(request), id, body.draft(), request);
    }

    @Delete("/{id}")
    public HttpResponse<Void> delete(HttpRequest<?> request, @PathVariable String id) {
        subscriptions.delete(Caller.of(request), id, request);
        return HttpResponse.noContent();
    }

    @Operation(
            summary = "Deliveries of a subscription, newest first; status: pending, delivered, dead, held or bundled")
    @Get("/{id}/deliveries")
    public List<Delivery> deliveries(
            HttpRequest<?> request,
            @PathVariable String id,
            @Nullable
                    @Pattern(
                            regexp = "pending|delivered|dead|held|bundled",
                            message = "is unknown (allowed: pending, delivered, dead, held, bundled)")
                    @QueryValue
                    String status,
            @Nullable @QueryValue Integer limit) {
        return subscriptions.deliveries(Caller.of(request), id, status, limit == null ? 100 : limit);
    }

    @Operation(summary = "Send a dead delivery again, with fresh attempts")
    @Post("/{id}/deliveries/{deliveryId}/retry")
    public HttpResponse<Void> retry(HttpRequest<?> request, @PathVariable String id, @PathVariable long deliveryId) {
        subscriptions.retry(Caller.of(request), id, deliveryId);
        return HttpResponse.accepted();
    }

    @Operation(summary = "Send a test message to the subscription's target now (not recorded, not retried)")
    @Post("/{id}/test")
    public Subscriptions.TestOutcome test(HttpRequest<?> request, @PathVariable String id) {
        return subscriptions.testSend(Caller.of(request), id);
    }
}
