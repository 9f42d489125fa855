package de.dos2030.iot.collector.alerts;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.ConflictException;
import de.dos2030.iot.collector.api.NotFoundException;
import de.dos2030.iot.collector.security.Allowed;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Alert history, active alerts, one alert with its lifecycle (viewer and up), acknowledgement
 * (engineer and up, audited), and the live stream as Server-Sent Events (viewer and up). Every route shows
 * only alerts of sites inside the caller's scope; one outside it is answered 404, as if it did not exist.
 */
@Controller("/api/v1/alerts")
@Allowed(Role.VIEWER)
public class AlertController {
    private final AlertStore alerts;
    private final AlertService service;
    private final AlertFeed feed;
    private final AlertsConfig config;

    public AlertController(AlertStore alerts, AlertService service, AlertFeed feed, AlertsConfig config) {
        this.alerts = alerts;
        this.service = service;
        this.feed = feed;
        this.config = config;
    }

    @Operation(
            summary =
                    "Alerts, most recently changed first; status: active (raised or acknowledged), raised, acknowledged, cleared or all")
    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    public List<Alert> list(
            HttpRequest<?> request,
            @RequestBean AlertFilterRequest filter,
            @Valid @RequestBean AlertHistoryRequest history) {
        return alerts.list(
                Caller.of(request).scope(),
                history.statusOrAll(),
                filter.toFilter(),
                history.ruleId(),
                history.fromInstant(),
                history.toInstant(),
                history.limitOrDefault());
    }

    @Operation(summary = "Active alerts (raised or acknowledged)")
    @Get("/active")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public List<Alert> active(HttpRequest<?> request, @RequestBean AlertFilterRequest filter) {
        return alerts.list(
                Caller.of(request).scope(),
                "active",
                filter.toFilter(),
                null,
                null,
                null,
                AlertHistoryRequest.MAX_LIMIT);
    }

    @Operation(summary = "One alert with every step of its lifecycle")
    @Get("/{gatewayId}/{alertId}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Alert get(HttpRequest<?> request, @PathVariable String gatewayId, @PathVariable String alertId) {
        Caller caller = Caller.of(request);
        return alerts.get(gatewayId, alertId)
                .filter(a -> caller.sees(a.siteId(), a.siteKind()))
                .orElseThrow(() -> noAlert(gatewayId, alertId));
    }

    /** An optional note for the acknowledgement. */
    @Serdeable
    public record Acknowledgement(@Nullable String note) {}

    @Operation(summary = "Acknowledge a raised alert (engineer)")
    @Post("/{gatewayId}/{alertId}/acknowledge")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Allowed(Role.ENGINEER)
    public Alert acknowledge(
            HttpRequest<?> request,
            @PathVariable String gatewayId,
            @PathVariable String alertId,
            @Nullable @Body Acknowledgement body) {
        AlertService.AckResult r =
                service.acknowledge(gatewayId, alertId, Caller.of(request), body == null ? null : body.note(), request);
        if (r instanceof AlertService.AckResult.Done d) {
            return d.alert();
        }
        if (r instanceof AlertService.AckResult.Conflict c) {
            throw new ConflictException(c.reason());
        }
        throw noAlert(gatewayId, alertId);
    }

    /**
     * Live lifecycle steps as Server-Sent Events ({@code event:} the kind, {@code id:} the event
     * id, {@code data:} an {@link AlertNotification}), filtered like subscriptions. A client that
     * reconnects with {@code Last-Event-ID} gets what it missed first.
     */
    @Operation(summary = "Live alert steps as Server-Sent Events, with the same filters as subscriptions")
    @Get(uri = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Publisher<Event<?>> stream(
            HttpRequest<?> http,
            @RequestBean AlertFilterRequest request,
            @Nullable @Header("Last-Event-ID") String lastEventId) {
        AlertFilter filter = request.toFilter();
        Caller caller = Caller.of(http);
        Long after = null;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                after = Long.parseLong(lastEventId.trim());
            } catch (NumberFormatException e) {
                throw new BadRequestException("Last-Event-ID '" + lastEventId + "' is not an event id");
            }
        }
        Flux<Event<?>> steps = feed.stream(after)
                .filter(n -> caller.sees(n.siteId(), n.siteKind()) && filter.matches(n))
                .map(n -> Event.of(n).id(Long.toString(n.eventId())).name(n.kind()));
        // The first heartbeat at once: it sends the response headers, so a client knows it is subscribed.
        Flux<Event<?>> heartbeat = Flux.interval(java.time.Duration.ZERO, config.sseHeartbeat())
                .map(i -> Event.of("").name("heartbeat"));
        return Flux.merge(steps, heartbeat);
    }

    private static NotFoundException noAlert(String gatewayId, String alertId) {
        return new NotFoundException("no alert '" + alertId + "' of gateway '" + gatewayId + "'");
    }
}
