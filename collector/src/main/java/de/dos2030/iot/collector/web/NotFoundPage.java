package de.dos2030.iot.collector.web;

import de.dos2030.iot.collector.statedb.RelationalStore;
import de.dos2030.iot.collector.web.session.Sessions;
import de.dos2030.iot.collector.web.session.WebSession;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Named;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

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
    private final Sessions sessions;

    private final Scheduler blocking;

    public NotFoundPage(Pages pages, Sessions sessions, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.pages = pages;
        this.sessions = sessions;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    /**
     * The session of a path nobody serves, so that its 404 page's header still shows who is signed in.
     * Looked up off the event loop, and only for such paths: every other request passes untouched.
     */
    @RequestFilter
    public Publisher<HttpRequest<?>> sessionForUnknownPaths(HttpRequest<?> request) {
        if (RouteAttributes.getRouteMatch(request).isPresent()
                || !isPagePath(request.getPath())
                || WebSession.orNull(request) != null) {
            return Mono.just(request);
        }
        return Mono.<HttpRequest<?>>fromCallable(() -> {
                    try {
                        sessions.attach(request);
                    } catch (RelationalStore.StoreException e) {
                        // the 404 page then shows the header signed out: no worse than that
                    }
                    return request;
                })
                .subscribeOn(blocking);
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
