package de.dos2030.iot.collector.opendata;

import de.dos2030.iot.collector.security.ApiTokens;
import de.dos2030.iot.collector.security.BearerToken;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.statedb.RelationalStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The door of the open endpoints ({@code /open/**}, {@code /sta/**}): a request with a valid API token
 * (any role) gets {@link Caller#ATTRIBUTE} set and is neither limited nor delayed ({@link OpenCaller});
 * one with an unknown token is refused with 401 (a typo should not silently give the public view); an
 * anonymous one takes a request from its client address's bucket ({@link RateLimiter}) and gets 429
 * with {@code Retry-After} when it is empty. Token look-ups may reach the database: off the event loop.
 */
@ServerFilter({"/open/**", "/sta/**"})
public class OpenAccessFilter {
    private final ApiTokens tokens;
    private final RateLimiter limiter;
    private final Set<String> proxies;

    public OpenAccessFilter(ApiTokens tokens, RateLimiter limiter, OpenLimits limits) {
        this.tokens = tokens;
        this.limiter = limiter;
        this.proxies = limits.proxies();
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        String token = BearerToken.fromHeader(request.getHeaders().get(HttpHeaders.AUTHORIZATION))
                .orElse(null);
        if (token != null) {
            Optional<Caller> caller;
            try {
                caller = tokens.authenticate(token);
            } catch (RelationalStore.StoreException e) {
                return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .header(HttpHeaders.RETRY_AFTER, "5")
                        .body(Map.of("error", "token store unavailable: try again, or leave out the token"));
            }
            if (caller.isEmpty()) {
                return HttpResponse.status(HttpStatus.UNAUTHORIZED)
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"dos-collector\"")
                        .body(Map.of(
                                "error",
                                "Authorization unknown or revoked token: send a valid API token, or none for the"
                                        + " public view"));
            }
            request.setAttribute(Caller.ATTRIBUTE, caller.get());
            return null;
        }
        String peer = request.getRemoteAddress().getAddress() == null
                ? request.getRemoteAddress().getHostString()
                : request.getRemoteAddress().getAddress().getHostAddress();
        String client = ClientAddress.of(peer, request.getHeaders().get("X-Forwarded-For"), proxies);
        Duration wait = limiter.take(client);
        if (wait.isZero()) {
            return null;
        }
        return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(wait.toSeconds()))
                .body(Map.of(
                        "error",
                        "too many requests from " + client + ": try again in " + wait.toSeconds()
                                + " s, or ask for an API token"));
    }
}
