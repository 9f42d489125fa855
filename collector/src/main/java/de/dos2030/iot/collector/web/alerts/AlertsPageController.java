package de.dos2030.iot.collector.web.alerts;

import de.dos2030.iot.collector.alerts.Alert;
import de.dos2030.iot.collector.alerts.AlertFeed;
import de.dos2030.iot.collector.alerts.AlertFilter;
import de.dos2030.iot.collector.alerts.AlertService;
import de.dos2030.iot.collector.alerts.AlertStore;
import de.dos2030.iot.collector.alerts.AlertsConfig;
import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.collector.web.Pages;
import de.dos2030.iot.collector.web.ReturnPath;
import de.dos2030.iot.collector.web.session.PageAccess;
import de.dos2030.iot.collector.web.session.WebSession;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * The alerts page ({@code /alarme}, English {@code /alerts}; viewer and up): active alerts or the
 * history, filtered by status, kind, least severity and gateway (a GET form); acknowledging (engineer
 * and up, a POST form with the CSRF token, through {@link AlertService} like the API); and the live
 * stream the page's small script listens to ({@code /alarme/live}, the API's SSE feed behind the
 * session). Without JavaScript the page still works: reload to see new alerts.
 */
@Controller
@Hidden
@Produces(MediaType.TEXT_HTML)
@PageAccess(Role.VIEWER)
public class AlertsPageController {
    static final int SHOWN = 200;
    static final List<String> STATUSES = List.of("active", "all", "raised", "acknowledged", "cleared");
    static final List<String> SEVERITIES = List.of("info", "warning", "critical");

    private final AlertStore alerts;
    private final AlertService service;
    private final AlertFeed feed;
    private final AlertsConfig config;
    private final Pages pages;

    public AlertsPageController(
            AlertStore alerts, AlertService service, AlertFeed feed, AlertsConfig config, Pages pages) {
        this.alerts = alerts;
        this.service = service;
        this.feed = feed;
        this.config = config;
        this.pages = pages;
    }

    @Get("/alarme")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public MutableHttpResponse<String> list(
            HttpRequest<?> request,
            @Nullable @QueryValue String status,
            @Nullable @QueryValue String art,
            @Nullable @QueryValue String schwere,
            @Nullable @QueryValue String gateway,
            @Nullable @QueryValue String quittiert) {
        String shownStatus = status == null || status.isBlank() ? "active" : status;
        if (!STATUSES.contains(shownStatus)) {
            throw new BadRequestException(
                    "status '" + shownStatus + "' is unknown (allowed: " + String.join(", ", STATUSES) + ")");
        }
        AlertFilter filter = AlertFilter.of(null, art, gateway, null, null, schwere);
        List<Alert> list = alerts.list(
                WebSession.required(request).scope(),
                shownStatus.equals("all") ? null : shownStatus,
                filter,
                null,
                null,
                null,
                SHOWN);
        Map<String, Object> model = new HashMap<>();
        model.put("alerts", list);
        model.put("limit", SHOWN);
        model.put("status", shownStatus);
        model.put("kind", filter.siteKind() == null ? "" : filter.siteKind());
        model.put("severity", filter.minSeverity() == null ? "" : filter.minSeverity());
        model.put("gateway", filter.gatewayId() == null ? "" : filter.gatewayId());
        model.put("statuses", STATUSES);
        model.put("severities", SEVERITIES);
        model.put("acknowledged", quittiert == null ? "" : quittiert);
        model.put("canAcknowledge", WebSession.required(request).is(Role.ENGINEER));
        return pages.ok(request, "alerts/alerts", model);
    }

    @Get("/alerts")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public MutableHttpResponse<String> listEnglish(
            HttpRequest<?> request,
            @Nullable @QueryValue String status,
            @Nullable @QueryValue String art,
            @Nullable @QueryValue String schwere,
            @Nullable @QueryValue String gateway,
            @Nullable @QueryValue String quittiert) {
        return list(request, status, art, schwere, gateway, quittiert);
    }

    /** Acknowledges a raised alert; back to the list it was sent from ({@code zurueck}), which names it. */
    @Post(value = "/alarme/{gatewayId}/{alertId}/quittieren", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @PageAccess(Role.ENGINEER)
    public MutableHttpResponse<?> acknowledge(
            HttpRequest<?> request,
            @PathVariable String gatewayId,
            @PathVariable String alertId,
            @Nullable String notiz,
            @Nullable String zurueck) {
        String note = notiz == null || notiz.isBlank() ? null : notiz.trim();
        AlertService.AckResult r = service.acknowledge(
                gatewayId, alertId, WebSession.required(request).caller(), note, request);
        if (r instanceof AlertService.AckResult.Done) {
            String back = ReturnPath.of(zurueck);
            if (!back.startsWith("/alarme") && !back.startsWith("/alerts") && !back.startsWith("/flotte")) {
                back = "/alarme";
            }
            String sep = back.contains("?") ? "&" : "?";
            return HttpResponse.seeOther(URI.create(back + sep + "quittiert="
                    + java.net.URLEncoder.encode(alertId, java.nio.charset.StandardCharsets.UTF_8)));
        }
        if (r instanceof AlertService.AckResult.Conflict c) {
            Alert a = c.alert();
            return a.status().equals("cleared")
                    ? pages.problem(request, HttpStatus.CONFLICT, "problem.detail.alertCleared", a.clearedAt())
                    : pages.problem(
                            request,
                            HttpStatus.CONFLICT,
                            "problem.detail.alertAcknowledged",
                            a.acknowledgedBy(),
                            a.acknowledgedAt());
        }
        return pages.problem(request, HttpStatus.NOT_FOUND, "problem.detail.noAlert", alertId, gatewayId);
    }

    /**
     * Live lifecycle steps for the page's script (Server-Sent Events: {@code event:} the kind,
     * {@code data:} the step), with a heartbeat so that proxies keep the stream open.
     */
    @Get(uri = "/alarme/live", produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Publisher<Event<?>> live(HttpRequest<?> request) {
        WebSession session = WebSession.required(request);
        Flux<Event<?>> steps = feed.stream(null)
                .filter(n -> session.sees(n.siteId(), n.siteKind()))
                .map(n -> Event.of(n).id(Long.toString(n.eventId())).name(n.kind()));
        Flux<Event<?>> heartbeat = Flux.interval(Duration.ZERO, config.sseHeartbeat())
                .map(i -> Event.of("").name("heartbeat"));
        return Flux.merge(steps, heartbeat);
    }
}
