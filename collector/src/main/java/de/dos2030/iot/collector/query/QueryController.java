package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.security.Allowed;
import de.dos2030.iot.collector.security.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The engineers' query API (role viewer and up): sites, gateways, sensors, series as JSON or CSV. */
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

    @Operation(summary = "Sites and their gateways, from the registry")
    @Get("/sites")
    public List<InventoryService.Site> sites() {
        return inventory.sites();
    }

    @Operation(
            summary =
                    "Gateways with state (online/offline/never-seen/disabled), last seen, latest health and sequence gaps")
    @Get("/gateways")
    public List<InventoryService.GatewayStatus> gateways(@Nullable @QueryValue String site) {
        return inventory.gateways(site);
    }

    @Operation(summary = "One gateway, with every field of its latest health report")
    @Get("/gateways/{id}")
    public HttpResponse<?> gateway(@PathVariable String id) {
        return inventory
                .gateway(id)
                .<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() ->
                        HttpResponse.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no gateway '" + id + "'")));
    }

    @Operation(summary = "Sensors and the quantities they report")
    @Get("/sensors")
    public List<InventoryService.Sensor> sensors(
            @Nullable @QueryValue String site, @Nullable @QueryValue String gateway) {
        return inventory.sensors(site, gateway);
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
    public HttpResponse<?> series(
            @Parameter(description = "quantity wire name, e.g. co2, temperature, strain, vibration_rms")
                    @Nullable
                    @QueryValue
                    String quantity,
            @Parameter(
                            description =
                                    "sample (default) or a window statistic the gateway computed: mean, min, max, stddev")
                    @Nullable
                    @QueryValue
                    String statistic,
            @Nullable @QueryValue String site,
            @Nullable @QueryValue String siteKind,
            @Nullable @QueryValue String gateway,
            @Nullable @QueryValue String sensor,
            @Parameter(description = "ISO-8601 instant, inclusive; default: to minus collector.query.default-range")
                    @Nullable
                    @QueryValue
                    String from,
            @Parameter(description = "ISO-8601 instant, exclusive; default: now") @Nullable @QueryValue String to,
            @Parameter(description = "window: 10s, 1m, 1h, 1d or ISO-8601 (PT1M); none gives raw points")
                    @Nullable
                    @QueryValue
                    String window,
            @Parameter(description = "mean (default with a window), min, max, count, last, p95") @Nullable @QueryValue
                    String aggregate,
            @Parameter(description = "ok (default) or any") @Nullable @QueryValue String quality,
            @Parameter(description = "json (default) or csv") @Nullable @QueryValue String format,
            @Nullable @Header(HttpHeaders.ACCEPT) String accept) {
        SeriesQuery q = SeriesQuery.parse(
                quantity,
                statistic,
                site,
                siteKind,
                gateway,
                sensor,
                from,
                to,
                window,
                aggregate,
                quality,
                clock.instant(),
                config.defaultRange());
        boolean csv =
                "csv".equals(format) || (format == null && accept != null && accept.contains(SeriesCsv.MEDIA_TYPE));
        if (format != null && !format.equals("csv") && !format.equals("json")) {
            throw new BadQueryException("format '" + format + "' is unknown (allowed: json, csv)");
        }
        long started = System.nanoTime();
        SeriesAnswer result = series.run(q);
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
}
