package de.dos2030.iot.collector.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;

/**
 * A path nobody serves gets a 404 page in the person's language instead of Micronaut's JSON, except
 * under the API, the open-data and SensorThings endpoints, the management endpoints and the API
 * documentation, whose clients expect JSON.
 * A response filter rather than an {@code @Error(status = NOT_FOUND)} route: such a route would also
 * replace every 404 that a controller answers on purpose (with its own message) by its own.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class NotFoundPage {
    private final Pages pages;

    public NotFoundPage(Pages pages) {
        this.pages = pages;
    }

    @ResponseFilter
    public void pageForUnknownPaths(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() != HttpStatus.NOT_FOUND.getCode()
                || RouteAttributes.getRouteMatch(request).isPresent()
                || !isPagePath(request.getPath())
                || response.getContentType()
                        .filter(MediaType.TEXT_HTML_TYPE::matches)
                        .isPresent()) {
            return;
        }
        MutableHttpResponse<String> page = pages.problem(request, HttpStatus.NOT_FOUND, null);
        @SuppressWarnings("unchecked")
        MutableHttpResponse<Object> out = (MutableHttpResponse<Object>) response;
        out.body(page.body());
        page.getHeaders().forEach((name, values) -> {
            response.getHeaders().remove(name);
            values.forEach(v -> response.getHeaders().add(name, v));
        });
    }

    static boolean isPagePath(String path) {
        for (String machine :
                new String[] {"/api", "/admin", "/swagger", "/health", "/prometheus", "/assets", "/open", "/sta"}) {
            if (path.equals(machine) || path.startsWith(machine + "/")) {
                return false;
            }
        }
        return true;
    }
}
