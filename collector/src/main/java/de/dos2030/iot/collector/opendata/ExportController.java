package de.dos2030.iot.collector.opendata;

import de.dos2030.iot.collector.query.SeriesService;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The open exports of a location, for pupils, teachers and the city's open-data portal:
 * {@code GET /open/v1/sites/{site}/locations/{location}/{file}} with {@code file} one of
 * {@code <yyyy-mm-dd>.csv}, {@code <yyyy-mm>.csv}, {@code <yyyy-mm>.zip} (CSV and datapackage.json),
 * {@code <yyyy>.csv}, {@code <period>.datapackage.json}; parameters {@code window=1m|10m|1h} (default:
 * every sample) and {@code dialect=rfc4180|excel-de} (default: {@code excel-de} for a German
 * {@code Accept-Language}). Anonymous callers get public sites only, delayed and coarsened
 * ({@link PublicTier}); API tokens see everything live. A closed period has a strong ETag and is
 * answered 304 to a matching {@code If-None-Match} before anything is read.
 */
@Controller("/open/v1/sites/{site}/locations/{location}")
public class ExportController {
    private static final Logger LOG = LoggerFactory.getLogger(ExportController.class);
    private static final Duration CLOSED_MAX_AGE = Duration.ofDays(1);

    private final Exports exports;
    private final SeriesService series;
    private final OpenPublication publication;
    private final OpenLimits limits;
    private final JsonMapper json;

    public ExportController(
            Exports exports, SeriesService series, OpenPublication publication, OpenLimits limits, JsonMapper json) {
        this.exports = exports;
        this.series = series;
        this.publication = publication;
        this.limits = limits;
        this.json = json;
    }

    @Get("/{file}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> export(
            HttpRequest<?> request,
            @PathVariable String site,
            @PathVariable String location,
            @Parameter(
                            description =
                                    "<yyyy-mm-dd>.csv, <yyyy-mm>.csv, <yyyy-mm>.zip, <yyyy>.csv or <period>.datapackage.json")
                    @PathVariable
                    String file,
            @Parameter(description = "1m, 10m or 1h: mean per window; leave out for every sample") @Nullable @QueryValue
                    String window,
            @Parameter(description = "rfc4180 (, and .) or excel-de (; and decimal comma, BOM)") @Nullable @QueryValue
                    String dialect,
            @Nullable @Header(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
            @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        OpenCaller caller = OpenCaller.of(request);
        Export e = exports.resolve(
                site,
                location,
                file,
                window,
                dialect,
                acceptLanguage,
                caller,
                request.getAttribute(Caller.ATTRIBUTE, Caller.class)
                        .map(Caller::scope)
                        .orElse(Scope.ALL),
                publication.base(request.getHeaders().get(HttpHeaders.HOST)));
        ExportFile.Form form = e.file().form();
        String etag = e.etag(form, publication);
        if (etag != null
                && ifNoneMatch != null
                && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            return cached(HttpResponse.status(HttpStatus.NOT_MODIFIED), e, etag);
        }
        if (form == ExportFile.Form.DATAPACKAGE) {
            String csv = e.base() + request.getPath().replace(".datapackage.json", ".csv") + "?dialect="
                    + e.dialect().wireName() + (e.window() == null ? "" : "&window=" + e.windowLabel());
            return cached(HttpResponse.ok(DataPackage.of(e, publication, csv, json)), e, etag)
                    .contentType("application/json");
        }
        byte[] meta = form == ExportFile.Form.ZIP ? DataPackage.of(e, publication, e.csvName(), json) : null;
        Flux<byte[]> body = Flux.<byte[], ExportStream>generate(
                        () -> new ExportStream(e, series, meta), (stream, sink) -> {
                            byte[] next = stream.next();
                            if (next == null) {
                                sink.complete();
                            } else {
                                sink.next(next);
                            }
                            return stream;
                        })
                .doOnError(ex -> LOG.warn("export {} of {}/{} broke off: {}", file, site, location, ex.toString()))
                .subscribeOn(Schedulers.boundedElastic());
        String name = form == ExportFile.Form.ZIP ? e.csvName().replace(".csv", ".zip") : e.csvName();
        return cached(HttpResponse.ok(body), e, etag)
                .contentType(
                        form == ExportFile.Form.ZIP ? "application/zip" : "text/csv; charset=utf-8; header=present")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }

    /** Caching headers: closed public periods for a day, open ones briefly, token answers only privately. */
    private <T> MutableHttpResponse<T> cached(MutableHttpResponse<T> response, Export e, String etag) {
        if (etag != null) {
            response.header(HttpHeaders.ETAG, etag);
        }
        long maxAge = (e.closed() ? CLOSED_MAX_AGE : limits.cacheMaxAge()).toSeconds();
        response.header(HttpHeaders.CACHE_CONTROL, e.anonymous() ? "public, max-age=" + maxAge : "private, no-cache");
        return response.header(HttpHeaders.VARY, "Accept-Language, Authorization");
    }
}
