package de.dos2030.iot.collector.captures;

import de.dos2030.iot.collector.alerts.AlertStore;
import de.dos2030.iot.collector.api.IdParameter;
import de.dos2030.iot.collector.api.NotFoundException;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import de.dos2030.iot.collector.security.Allowed;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.RawCapture;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;

/**
 * The raw captures of an alert (viewer and up, like the alert itself): what the gateway's sensors
 * recorded before and after the alarm raised. An alert without captures answers an empty list; an
 * unknown alert without captures answers 404.
 */
@Controller("/api/v1/alerts/{gatewayId}/{alertId}")
@Allowed(Role.VIEWER)
public class CaptureController {
    private final CaptureStore captures;
    private final AlertStore alerts;

    private final GatewayRegistry gateways;

    public CaptureController(CaptureStore captures, AlertStore alerts, GatewayRegistry gateways) {
        this.captures = captures;
        this.alerts = alerts;
        this.gateways = gateways;
    }

    @Operation(summary = "Raw samples before and after the alarm, per capturing sensor (values null where unusable)")
    @Get("/captures")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public CaptureAnswer json(HttpRequest<?> request, @PathVariable String gatewayId, @PathVariable String alertId) {
        List<RawCapture> found = find(request, gatewayId, alertId);
        return new CaptureAnswer(
                gatewayId,
                alertId,
                "/api/v1/alerts/" + gatewayId + "/" + alertId + "/captures.csv",
                found.stream().map(CaptureAnswer.Capture::of).toList());
    }

    @Operation(summary = "The same samples as CSV, one row a sample")
    @Get(value = "/captures.csv", produces = "text/csv")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<String> csv(
            HttpRequest<?> request, @PathVariable String gatewayId, @PathVariable String alertId) {
        return HttpResponse.ok(CaptureCsv.of(find(request, gatewayId, alertId)))
                .contentType("text/csv; charset=utf-8")
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"" + gatewayId + "-" + alertId + "-captures.csv\"");
    }

    private List<RawCapture> find(HttpRequest<?> request, String gatewayId, String alertId) {
        IdParameter.require("gatewayId", gatewayId);
        IdParameter.require("alertId", alertId);
        Caller caller = Caller.of(request);
        // Outside the caller's scope (by the alert's site, else the gateway's) a capture does not exist.
        boolean visible = caller.scope().isAll()
                || alerts.get(gatewayId, alertId)
                        .map(a -> caller.sees(a.siteId(), a.siteKind()))
                        .or(() -> gateways.find(gatewayId)
                                .map(g -> caller.sees(g.siteId(), g.siteKind().wireName())))
                        .orElse(false);
        List<RawCapture> found = visible ? captures.ofAlert(gatewayId, alertId) : List.of();
        if (!visible || found.isEmpty() && alerts.get(gatewayId, alertId).isEmpty()) {
            throw new NotFoundException("no alert '" + alertId + "' of gateway '" + gatewayId + "'");
        }
        return found;
    }
}
