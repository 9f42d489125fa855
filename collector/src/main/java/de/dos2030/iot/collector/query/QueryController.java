package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.api.IdParameter;
import de.dos2030.iot.collector.api.NotFoundException;
import de.dos2030.iot.collector.security.Allowed;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.collector.security.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * The engineers' query API (role viewer and up): gateways, sensors, series as JSON or CSV, each limited to
 * the sites of the caller's scope.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Allowed(Role.VIEWER)
public class QueryController {
    /**
     * Where a series answer's time went (W3C Server Timing, shown by browsers' developer tools):
     * asking InfluxDB, including reading its answer, and writing ours.
     */
    static final String SERVER_TIMING = "Server-Timing";

    private final SeriesService series;
    private final InventoryService inventory;
    private final QueryConfig config;
    private final Clock clock;

    public QueryController(SeriesService series, InventoryService inventory, QueryConfig config, Clock clock) {
        this.series = series;
        this.inventory = inventory;
        this.config = config;
        this.clock = clock;
    }

    @Operation(
            summary =
                    "Gateways with state (online/offline/never-seen/disabled), last seen, latest health and sequence gaps")
    @Get("/gateways")
    public List<InventoryService.GatewayStatus> gateways(HttpRequest<?> http, @Nullable @QueryValue String site) {
        return inventory.gateways(site == null ? null : IdParameter.require("site", site), scope(http));
    }

    @Operation(summary = "One gateway, with every field of its latest health report")
    @Get("/gateways/{id}")
    public InventoryService.GatewayStatus gateway(HttpRequest<?> http, @PathVariable String id) {
        return inventory
                .gateway(IdParameter.require("id", id), scope(http))
                .orElseThrow(() -> new NotFoundException("no gateway '" + id + "'"));
    }

    @Operation(summary = "Sensors and the quantities they report")
    @Get("/sensors")
    public List<InventoryService.Sensor> sensors(
            HttpRequest<?> http, @Nullable @QueryValue String site, @Nullable @QueryValue String gateway) {
        return inventory.sensors(
                site == null ? null : IdParameter.require("site", site),
                gateway == null ? null : IdParameter.require("gateway", gateway),
                scope(http));
    }

    /**
     * A series of one quantity, raw or windowed and aggregated. JSON by default; CSV with
     * {@code Accept: text/csv} or {@code format=csv}.
     */
    @Operation(
            summary =
                    "Time series of one quantity: raw, or per window with mean, min, max, count, last or p95; JSON or CSV")
    @ApiResponse(
            responseCode = "200",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SeriesResult.class)))
    @Get(
            uri = "/series",
            produces = {MediaType.APPLICATION_JSON, SeriesCsv.MEDIA_TYPE})
    public HttpResponse<?> series(HttpRequest<?> http, @Valid @RequestBean SeriesRequest request) {
        SeriesQuery q = request.toQuery(clock.instant(), config.defaultRange());
        boolean csv = request.csv();
        long started = System.nanoTime();
        SeriesAnswer result = series.run(q, scope(http));
        long asked = System.nanoTime();
        byte[] body = csv ? SeriesCsv.write(result).getBytes(StandardCharsets.UTF_8) : SeriesJson.write(result);
        MutableHttpResponse<byte[]> response = HttpResponse.ok(body)
                .header(
                        SERVER_TIMING,
                        String.format(
                                Locale.ROOT,
                                "influxdb;dur=%.2f, render;dur=%.2f",
                                (asked - started) / 1e6,
                                (System.nanoTime() - asked) / 1e6));
        if (csv) {
            return response.contentType(SeriesCsv.MEDIA_TYPE + "; charset=utf-8")
                    .header(
                            HttpHeaders.CONTENT_DISPOSITION,
                            "inline; filename=\"" + q.quantity().wireName() + ".csv\"");
        }
        return response.contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** The caller's scope: every answer here is limited to it, whatever the request asks. */
    private static Scope scope(HttpRequest<?> http) {
        return Caller.of(http).scope();
    }
}
