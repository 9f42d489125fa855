package de.dos2030.iot.collector.alerts;

import de.dos2030.iot.collector.query.BadQueryException;
import de.dos2030.iot.collector.security.Allowed;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Alert history, active alerts, one alert with its lifecycle (viewer and up), acknowledgement
 * (engineer and up), and the live stream as Server-Sent Events (viewer and up).
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
            @Nullable @QueryValue String status,
            @Nullable @QueryValue String siteId,
            @Nullable @QueryValue String siteKind,
            @Nullable @QueryValue String gatewayId,
            @Nullable @QueryValue String sensorId,
            @Nullable @QueryValue String quantity,
            @Nullable @QueryValue String minSeverity,
            @Nullable @QueryValue String ruleId,
            @Nullable @QueryValue String from,
            @Nullable @QueryValue String to,
            @Nullable @QueryValue Integer limit) {
        String s = status == null || status.equals("all") ? null : status;
        if (s != null && !List.of("active", "raised", "acknowledged", "cleared").contains(s)) {
            throw new BadQueryException(
                    "status '" + status + "' is unknown (allowed: active, raised, acknowledged, cleared, all)");
        }
        AlertFilter filter = AlertFilter.of(siteId, siteKind, gatewayId, sensorId, quantity, minSeverity);
        if (ruleId != null) {
            de.dos2030.iot.collector.query.InfluxQl.requireId("ruleId", ruleId);
        }
        return alerts.list(
                s,
                filter,
                ruleId,
                instant("from", from),
                instant("to", to),
                limit == null ? 100 : Math.max(1, Math.min(limit, 1000)));
    }

    @Operation(summary = "Active alerts (raised or acknowledged)")
    @Get("/active")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public List<Alert> active(
            @Nullable @QueryValue String siteId,
            @Nullable @QueryValue String siteKind,
            @Nullable @QueryValue String gatewayId,
            @Nullable @QueryValue String sensorId,
            @Nullable @QueryValue String quantity,
            @Nullable @QueryValue String minSeverity) {
        return alerts.list(
                "active",
                AlertFilter.of(siteId, siteKind, gatewayId, sensorId, quantity, minSeverity),
                null,
                null,
                null,
                1000);
    }

    @Operation(summary = "One alert with every step of its lifecycle")
    @Get("/{gatewayId}/{alertId}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> get(@PathVariable String gatewayId, @PathVariable String alertId) {
        return alerts.get(gatewayId, alertId)
                .<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() -> HttpResponse.status(HttpStatus.NOT_FOUND)
                        .body(Map.of("error", "no alert '" + alertId + "' of gateway '" + gatewayId + "'")));
    }

    /** An optional note for the acknowledgement. */
    @Serdeable
    public record Acknowledgement(@Nullable String note) {}

    @Operation(summary = "Acknowledge a raised alert (engineer)")
    @Post("/{gatewayId}/{alertId}/acknowledge")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Allowed(Role.ENGINEER)
    public HttpResponse<?> acknowledge(
            HttpRequest<?> request,
            @PathVariable String gatewayId,
            @PathVariable String alertId,
            @Nullable @Body Acknowledgement body) {
        AlertService.AckResult r =
                service.acknowledge(gatewayId, alertId, Caller.of(request), body == null ? null : body.note());
        if (r instanceof AlertService.AckResult.Done d) {
            return HttpResponse.ok(d.alert());
        }
        if (r instanceof AlertService.AckResult.Conflict c) {
            return HttpResponse.status(HttpStatus.CONFLICT).body(Map.of("error", c.reason()));
        }
        return HttpResponse.status(HttpStatus.NOT_FOUND)
                .body(Map.of("error", "no alert '" + alertId + "' of gateway '" + gatewayId + "'"));
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
            @Nullable @QueryValue String siteId,
            @Nullable @QueryValue String siteKind,
            @Nullable @QueryValue String gatewayId,
            @Nullable @QueryValue String sensorId,
            @Nullable @QueryValue String quantity,
            @Nullable @QueryValue String minSeverity,
            @Nullable @Header("Last-Event-ID") String lastEventId) {
        AlertFilter filter = AlertFilter.of(siteId, siteKind, gatewayId, sensorId, quantity, minSeverity);
        Long after = null;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                after = Long.parseLong(lastEventId.trim());
            } catch (NumberFormatException e) {
                throw new BadQueryException("Last-Event-ID '" + lastEventId + "' is not an event id");
            }
        }
        Flux<Event<?>> steps = feed.stream(after)
                .filter(filter::matches)
                .map(n -> Event.of(n).id(Long.toString(n.eventId())).name(n.kind()));
        // The first heartbeat at once: it sends the response headers, so a client knows it is subscribed.
        Flux<Event<?>> heartbeat = Flux.interval(java.time.Duration.ZERO, config.sseHeartbeat())
                .map(i -> Event.of("").name("heartbeat"));
        return Flux.merge(steps, heartbeat);
    }

    private static Instant instant(String name, @Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadQueryException(
                    name + " '" + text + "' is not an ISO-8601 instant such as 2025-03-01T00:00:00Z");
        }
    }
}
