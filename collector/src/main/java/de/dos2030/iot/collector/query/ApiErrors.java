package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.statedb.RelationalStore;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the API's failures to answers once: the caller's fault (400, 422: do not retry as is) or
 * ours / a dependency's (502, 503: try again later). Always JSON {@code {"error": "..."}}.
 */
@Controller
public class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    @Error(global = true, exception = BadQueryException.class)
    public HttpResponse<?> badQuery(HttpRequest<?> request, BadQueryException e) {
        HttpStatus status =
                e instanceof TooManyPointsException ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.BAD_REQUEST;
        return HttpResponse.status(status).body(Map.of("error", e.getMessage()));
    }

    @Error(global = true, exception = InfluxReader.QueryFailedException.class)
    public HttpResponse<?> influxFailed(HttpRequest<?> request, InfluxReader.QueryFailedException e) {
        LOG.warn("{} {}: {}", request.getMethod(), request.getPath(), e.getMessage());
        return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "10")
                .body(Map.of("error", e.getMessage()));
    }

    @Error(global = true, exception = RelationalStore.StoreException.class)
    public HttpResponse<?> storeFailed(HttpRequest<?> request, RelationalStore.StoreException e) {
        LOG.warn("{} {}: {}", request.getMethod(), request.getPath(), e.getMessage());
        return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "10")
                .body(Map.of("error", "relational store unavailable: try again"));
    }
}
