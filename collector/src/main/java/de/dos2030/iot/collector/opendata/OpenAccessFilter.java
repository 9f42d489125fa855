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
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Duration;
import java.util.LinkedHashMap;
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
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            Optional<String> token = BearerToken.fromHeader(header);
            if (token.isEmpty()) {
                return refused(
                        request,
                        HttpStatus.UNAUTHORIZED,
                        "Authorization must be 'Bearer <API token>', or leave it out for the public view");
            }
            Optional<Caller> caller;
            try {
                caller = tokens.authenticate(token.get());
            } catch (RelationalStore.StoreException e) {
                return refused(
                                request,
                                HttpStatus.SERVICE_UNAVAILABLE,
                                "token store unavailable: try again, or leave out the token")
                        .header(HttpHeaders.RETRY_AFTER, "5");
            }
            if (caller.isEmpty()) {
                return refused(
                                request,
                                HttpStatus.UNAUTHORIZED,
                                "unknown or revoked token: send a valid API token, or none for the public view")
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"dos-collector\"");
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
        return refused(
                        request,
                        HttpStatus.TOO_MANY_REQUESTS,
                        "too many requests from " + client + ": try again in " + wait.toSeconds()
                                + " s, or ask for an API token")
                .header(HttpHeaders.RETRY_AFTER, Long.toString(wait.toSeconds()));
    }

    /** A refusal in the shape its endpoint's clients read: SensorThings' error object, else our API's. */
    private static MutableHttpResponse<Map<String, Object>> refused(
            HttpRequest<?> request, HttpStatus status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (request.getPath().startsWith("/sta/")) {
            body.put("code", status.getCode());
            body.put("type", "error");
            body.put("message", message);
        } else {
            body.put("error", message);
        }
        return HttpResponse.<Map<String, Object>>status(status).body(body);
    }
}
