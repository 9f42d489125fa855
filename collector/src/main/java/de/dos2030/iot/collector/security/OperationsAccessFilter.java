package de.dos2030.iot.collector.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;

/**
 * Who sees what of the management endpoints. {@code /health} answers everyone with its status
 * (load balancers, uptime checks) and shows its details (InfluxDB URL, broker, disk paths) only
 * to admins: an admin's bearer token makes the request authenticated, which is what
 * {@code endpoints.health.details-visible: AUTHENTICATED} asks. {@code /prometheus} needs an
 * API token (any role; a scraper sends it as its bearer credentials), since the metrics tell the
 * fleet's size and each door's traffic.
 */
@ServerFilter({"/health", "/health/**", "/prometheus"})
public class OperationsAccessFilter {
    private final ApiTokens tokens;

    public OperationsAccessFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        Optional<Caller> caller = BearerToken.fromHeader(request.getHeaders().get(HttpHeaders.AUTHORIZATION))
                .flatMap(tokens::authenticate);
        if (request.getPath().startsWith("/prometheus")) {
            return caller.isPresent()
                    ? null
                    : HttpResponse.status(HttpStatus.UNAUTHORIZED)
                            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"dos-collector\"")
                            .body(Map.of("error", "Authorization missing or unknown: /prometheus needs an API token"));
        }
        caller.filter(c -> c.is(Role.ADMIN))
                .ifPresent(c -> request.setAttribute(HttpAttributes.PRINCIPAL, (Principal) c::subject));
        return null;
    }
}
