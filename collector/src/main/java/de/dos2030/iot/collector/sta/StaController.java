package de.dos2030.iot.collector.sta;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.NotFoundException;
import de.dos2030.iot.collector.opendata.OpenCaller;
import de.dos2030.iot.collector.opendata.PublicTier;
import de.dos2030.iot.collector.query.Aggregate;
import de.dos2030.iot.collector.query.InfluxReader;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.sta.filter.Evaluator;
import de.dos2030.iot.collector.sta.filter.FilterException;
import de.dos2030.iot.collector.sta.filter.FilterParser;
import de.dos2030.iot.collector.statedb.RelationalStore;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OGC SensorThings API 1.1, read side, at {@code /sta/v1.1}: anyone may read public sites (delayed
 * and coarsened by {@link PublicTier}); a caller with an API token (any role) reads every site, raw
 * and live. Writes answer 405: ingest stays on the collector's doors. Errors are
 * {@code {"code": 400, "type": "error", "message": "..."}}. The extension parameters {@code window}
 * (e.g. {@code 10m}, {@code PT1H}) and {@code aggregate} ({@code mean}, {@code min}, {@code max}, ...)
 * ask for Observations as window statistics from the rollup tiers.
 */
@Controller(StaController.ROOT)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class StaController {
    static final String ROOT = "/sta/v1.1";
    /** The handling thread's CPU time, for Server-Timing: on a shared machine wall time says little. */
    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/iot_sensing/1.1/req/datamodel",
            "http://www.opengis.net/spec/iot_sensing/1.1/req/resource-path/resource-path-to-entities",
            "http://www.opengis.net/spec/iot_sensing/1.1/req/request-data");

    private final StaService service;
    private final StaModels models;
    private final PublicTier tier;
    private final Clock clock;

    public StaController(StaService service, StaModels models, PublicTier tier, Clock clock) {
        this.service = service;
        this.models = models;
        this.tier = tier;
        this.clock = clock;
    }

    @Get
    public HttpResponse<?> root(HttpRequest<?> request) {
        String base = base(request);
        List<Map<String, String>> sets = java.util.Arrays.stream(EntityType.values())
                .map(t -> Map.of("name", t.plural(), "url", base + "/" + t.plural()))
                .toList();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("value", sets);
        root.put("serverSettings", Map.of("conformance", CONFORMANCE));
        return json(HttpStatus.OK, root);
    }

    @Get("/{+path}")
    public HttpResponse<?> read(HttpRequest<?> request, @PathVariable String path) {
        try {
            boolean anonymous = OpenCaller.of(request).anonymous(); // the token was checked by OpenAccessFilter
            String raw = request.getUri().getRawPath();
            path = URLDecoder.decode(
                    raw.substring(Math.min(raw.length(), ROOT.length())).replace("+", "%2B"), StandardCharsets.UTF_8);
            if (path.isEmpty() || path.equals("/")) {
                return root(request);
            }
            Map<String, String> params = new LinkedHashMap<>();
            Observations.Tier obsTier = Observations.Tier.RAW;
            String window = null;
            String aggregate = null;
            for (String name : request.getParameters().names()) {
                String v = request.getParameters().get(name);
                if (v != null && v.length() > FilterParser.MAX_LENGTH * 2) {
                    throw new FilterException(name + " is " + v.length() + " characters long; at most "
                            + FilterParser.MAX_LENGTH * 2 + " are read");
                }
                switch (name) {
                    case "window" -> window = v;
                    case "aggregate" -> aggregate = v;
                    default -> params.put(name, v);
                }
            }
            if (window != null || aggregate != null) {
                obsTier = new Observations.Tier(
                        window == null ? null : windowOf(window),
                        aggregate == null ? null : Aggregate.parse(aggregate));
            }
            long started = System.nanoTime();
            long cpuStarted = CPU.getCurrentThreadCpuTime();
            // A token's scope limits the model itself: things, datastreams and observations outside it do not exist.
            StaModel model = anonymous
                    ? models.model(true)
                    : models.model(request.getAttribute(Caller.ATTRIBUTE, Caller.class)
                            .orElseThrow()
                            .scope());
            long modelled = System.nanoTime();
            PathResolver resolver = new PathResolver(model);
            StaRequest r = new StaRequest(
                    model,
                    new Access(anonymous, tier, clock.instant()),
                    obsTier,
                    new Evaluator(resolver, clock::instant),
                    resolver,
                    base(request));
            StaService.Answer a = service.answer(r, path, params);
            if (a instanceof StaService.Answer.Text t) {
                return HttpResponse.ok(t.text()).contentType(MediaType.TEXT_PLAIN_TYPE);
            }
            long answered = System.nanoTime();
            byte[] body = StaJson.bytes(((StaService.Answer.Json) a).tree());
            // where the time went (W3C Server Timing, as the query API): the model, the answer's tree, its JSON
            return HttpResponse.ok(body)
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .header(
                            "Server-Timing",
                            String.format(
                                    java.util.Locale.ROOT,
                                    "model;dur=%.2f, answer;dur=%.2f, json;dur=%.2f, cpu;desc=\"thread CPU\";dur=%.2f",
                                    (modelled - started) / 1e6,
                                    (answered - modelled) / 1e6,
                                    (System.nanoTime() - answered) / 1e6,
                                    (CPU.getCurrentThreadCpuTime() - cpuStarted) / 1e6));
        } catch (FilterException | BadRequestException e) {
            return error(HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (NotFoundException e) {
            return error(HttpStatus.NOT_FOUND, e.getMessage());
        } catch (InfluxReader.QueryFailedException | RelationalStore.StoreException e) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, "storage did not answer: try again in a minute")
                    .header(HttpHeaders.RETRY_AFTER, "10");
        }
    }

    @Post("/{+path}")
    public HttpResponse<?> post(@PathVariable String path) {
        return readOnly();
    }

    @Put("/{+path}")
    public HttpResponse<?> put(@PathVariable String path) {
        return readOnly();
    }

    @Patch("/{+path}")
    public HttpResponse<?> patch(@PathVariable String path) {
        return readOnly();
    }

    @Delete("/{+path}")
    public HttpResponse<?> delete(@PathVariable String path) {
        return readOnly();
    }

    private static HttpResponse<?> readOnly() {
        return error(
                        HttpStatus.METHOD_NOT_ALLOWED,
                        "this SensorThings service is read-only: data arrives through the collector's ingest doors")
                .header(HttpHeaders.ALLOW, "GET");
    }

    /** {@code 10m}, {@code 1h}, {@code 1d} or ISO 8601 ({@code PT15M}): whole seconds, 1 s to 366 days. */
    static Duration windowOf(String text) {
        Duration d = null;
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(\\d{1,6})([smhd])").matcher(text);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(text);
            }
        } catch (java.time.format.DateTimeParseException e) {
            // the message below
        }
        if (d == null || d.getNano() != 0 || d.getSeconds() < 1 || d.compareTo(Duration.ofDays(366)) > 0) {
            throw new FilterException("window " + QueryOptions.quoted(text)
                    + " is not a duration of whole seconds from 1s to 366d (e.g. 10m, 1h, 1d, PT15M)");
        }
        return d;
    }

    private static String base(HttpRequest<?> request) {
        String host = request.getHeaders().get(HttpHeaders.HOST);
        if (host == null) {
            host = request.getServerAddress().getHostString() + ":"
                    + request.getServerAddress().getPort();
        }
        String proto = request.getHeaders().get("X-Forwarded-Proto");
        return (proto == null ? "http" : proto) + "://" + host + ROOT;
    }

    private static io.micronaut.http.MutableHttpResponse<byte[]> json(HttpStatus status, Object tree) {
        return HttpResponse.<byte[]>status(status)
                .body(StaJson.bytes(tree))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static io.micronaut.http.MutableHttpResponse<byte[]> error(HttpStatus status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", status.getCode());
        body.put("type", "error");
        body.put("message", message);
        return json(status, body);
    }
}
