package de.dos2030.iot.collector.opendata;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Caching headers for the open endpoints' successful answers that do not set their own (the SensorThings
 * API's, for one): anonymous answers are the same for everyone, so shared caches may keep them for
 * {@code collector.open.cache-max-age}; answers to a token holder are private. Answers that say how to
 * be cached (the exports, the catalogue) are left alone.
 */
@ServerFilter({"/open/**", "/sta/**"})
public class OpenCaching {
    private final String publicControl;

    public OpenCaching(OpenLimits limits) {
        this.publicControl = "public, max-age=" + limits.cacheMaxAge().toSeconds();
    }

    @ResponseFilter
    public void cache(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request.getMethod() != HttpMethod.GET
                || response.code() != HttpStatus.OK.getCode()
                || response.getHeaders().contains(HttpHeaders.CACHE_CONTROL)) {
            return;
        }
        response.header(
                HttpHeaders.CACHE_CONTROL, OpenCaller.of(request).anonymous() ? publicControl : "private, no-cache");
        response.getHeaders().add(HttpHeaders.VARY, "Authorization");
    }
}
