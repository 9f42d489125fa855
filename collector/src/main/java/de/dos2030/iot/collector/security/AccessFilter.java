package de.dos2030.iot.collector.security;

import de.dos2030.iot.collector.statedb.RelationalStore;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import java.util.Map;
import java.util.Optional;

/**
 * Authentication and roles for {@code /api/**} and {@code /admin/**}. Each route declares the
 * least role it needs with {@link Allowed}; the ingest route is a {@link GatewayDoor} and checks
 * gateway tokens itself. Everything else is refused (deny by default).
 *
 * <p>401: no token, or one that is neither an API token nor a gateway token. 403: a gateway token
 * outside the ingest door, an API token whose role is below the route's, or a scoped token
 * ({@link Scope}) on {@code /admin/**}, which acts on the whole fleet. The caller is put on
 * the request as {@link Caller#ATTRIBUTE}. A {@link Public} route needs no token. Token look-ups may reach
 * the database: off the event loop.
 */
@ServerFilter({"/api/**", "/admin/**"})
public class AccessFilter {
    private final ApiTokens tokens;
    private final GatewayCredentials gateways;

    public AccessFilter(ApiTokens tokens, GatewayCredentials gateways) {
        this.tokens = tokens;
        this.gateways = gateways;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        Optional<RouteMatch<?>> route = RouteAttributes.getRouteMatch(request);
        if (route.isEmpty()) {
            return null; // no such route: let the router answer 404/405
        }
        AnnotationMetadata meta = route.get().getAnnotationMetadata();
        if (meta.hasAnnotation(GatewayDoor.class) || meta.hasAnnotation(Public.class)) {
            return null;
        }
        Optional<Role> least = meta.enumValue(Allowed.class, Role.class);
        String token = BearerToken.fromHeader(request.getHeaders().get(HttpHeaders.AUTHORIZATION))
                .orElse(null);
        if (token == null) {
            return unauthorized("missing: send 'Authorization: Bearer <API token>'");
        }
        Optional<Caller> caller;
        try {
            caller = tokens.authenticate(token);
        } catch (RelationalStore.StoreException e) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(Map.of("error", "token store unavailable: try again"));
        }
        if (caller.isEmpty()) {
            if (gateways.isGatewayToken(token)) {
                return forbidden("a gateway token may only send batches (POST /api/v1/batches)");
            }
            return unauthorized("unknown or revoked token");
        }
        if (least.isEmpty()) {
            return forbidden("this route has no access rule");
        }
        if (!caller.get().is(least.get())) {
            return forbidden("role '" + caller.get().role().wireName() + "' may not do this: it needs '"
                    + least.get().wireName() + "'");
        }
        if (!caller.get().scope().isAll() && request.getPath().startsWith("/admin")) {
            return forbidden("a token with scope '" + caller.get().scope().wire()
                    + "' may not use /admin: it acts on the whole fleet (issue an admin token with scope 'all')");
        }
        request.setAttribute(Caller.ATTRIBUTE, caller.get());
        return null;
    }

    private static HttpResponse<?> unauthorized(String why) {
        return HttpResponse.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"dos-collector\"")
                .body(Map.of("error", "Authorization " + why));
    }

    private static HttpResponse<?> forbidden(String why) {
        return HttpResponse.status(HttpStatus.FORBIDDEN).body(Map.of("error", why));
    }
}
