package de.dos2030.iot.collector.web.session;

import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.collector.statedb.RelationalStore;
import de.dos2030.iot.collector.web.Pages;
import de.dos2030.iot.collector.web.ReturnPath;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.filter.FilterBodyParser;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sessions, roles and CSRF for the pages, as {@code security.AccessFilter} does tokens and roles for
 * the API. For every page route: finds the session of the cookie (put on the request for
 * {@link WebSession#of}); a route needing a role ({@link PageAccess}) without a session sends the
 * person to sign in and back (303), with too small a role answers 403; every POST must carry the
 * CSRF token ({@link CsrfTokens}: form field or header), else 403 and the route never runs.
 * A route under these paths with neither {@link PageAccess} nor {@link OpenPage} is refused.
 *
 * <p>Its paths are listed here, so that the API and the doors never pay for it;
 * {@code PageRoutesTest} checks that every page route is among them. Errors that the API's
 * exception handlers turned into JSON on a page route become a page again here.
 */
@ServerFilter({
    "/",
    "/anmelden",
    "/abmelden",
    "/sprache/**",
    "/flotte",
    "/flotte/**",
    "/fleet",
    "/fleet/**",
    "/alarme",
    "/alarme/**",
    "/alerts",
    "/alerts/**",
    "/abos",
    "/abos/**",
    "/subscriptions",
    "/subscriptions/**",
    "/schulen",
    "/schulen/**",
    "/schools",
    "/schools/**",
    "/bruecken",
    "/bruecken/**",
    "/bridges",
    "/bridges/**",
    "/explorer",
    "/explorer.csv"
})
public class PageAccessFilter {
    private final Sessions sessions;
    private final Pages pages;
    private final FilterBodyParser forms;

    public PageAccessFilter(Sessions sessions, Pages pages, FilterBodyParser forms) {
        this.sessions = sessions;
        this.pages = pages;
        this.forms = forms;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        Optional<RouteMatch<?>> route = RouteAttributes.getRouteMatch(request);
        if (route.isEmpty()) {
            return null; // no such page: the router answers 404
        }
        AnnotationMetadata meta = route.get().getAnnotationMetadata();
        boolean open = meta.hasAnnotation(OpenPage.class);
        Optional<Role> least = meta.enumValue(PageAccess.class, Role.class);
        try {
            sessions.attach(request);
        } catch (RelationalStore.StoreException e) {
            return pages.problem(request, HttpStatus.SERVICE_UNAVAILABLE, null);
        }
        if (!open && least.isEmpty()) {
            return pages.problem(request, HttpStatus.FORBIDDEN, "this page has no access rule");
        }
        Optional<WebSession> session = WebSession.of(request);
        if (!open && session.isEmpty()) {
            return HttpResponse.seeOther(
                    URI.create("/anmelden?ziel=" + URLEncoder.encode(returnTo(request), StandardCharsets.UTF_8)));
        }
        if (!open && !session.get().is(least.get())) {
            return pages.problem(request, HttpStatus.FORBIDDEN, null);
        }
        if (session.isEmpty() && request.getPath().equals(SignInController.SIGN_OUT)) {
            // Nothing to end (expired, or signed out in another tab): no forgery can do harm here.
            return SignInController.signedOut(request);
        }
        if (changesState(request.getMethod()) && !CsrfTokens.matches(CsrfTokens.expected(request), given(request))) {
            return pages.render(request, HttpStatus.FORBIDDEN, "csrf", Map.of());
        }
        return null;
    }

    /**
     * A page route's error answer that is not a page (the API's exception handlers' JSON when a service
     * refused a parameter or InfluxDB or the database is down; Micronaut's own for anything unexpected)
     * becomes a problem page in the person's language, with the service's words where it gave some.
     */
    @ResponseFilter
    public void pageForErrors(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() < 400
                || response.getHeaders().contains(HttpHeaders.CONTENT_LANGUAGE) // one of ours (Pages)
                || RouteAttributes.getRouteMatch(request).isEmpty()) {
            return;
        }
        Object body = response.body();
        String detail = body instanceof de.dos2030.iot.collector.api.ErrorAnswer e ? e.error() : null;
        MutableHttpResponse<String> page = pages.problem(request, response.status(), detail);
        ((MutableHttpResponse<Object>) response).body(page.body());
        response.contentType(page.getContentType().orElseThrow());
        page.getHeaders()
                .forEach((name, values) ->
                        values.forEach(v -> response.getHeaders().add(name, v)));
    }

    private static boolean changesState(HttpMethod method) {
        return method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS;
    }

    /** The token the request sent: the header (scripts) or the form field (forms). */
    @Nullable
    private String given(HttpRequest<?> request) {
        String header = request.getHeaders().get(CsrfTokens.HEADER);
        if (header != null) {
            return header;
        }
        try {
            Object field = forms.parseBody(request).get(10, TimeUnit.SECONDS).get(CsrfTokens.FIELD);
            return field instanceof String s ? s : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return null; // unreadable form: no token, refused
        }
    }

    /** Where to come back to after sign-in: this page, or for a form, the page it was sent from. */
    private static String returnTo(HttpRequest<?> request) {
        if (request.getMethod() == HttpMethod.GET) {
            String query = request.getUri().getRawQuery();
            return ReturnPath.of(request.getUri().getRawPath() + (query == null ? "" : "?" + query));
        }
        String referer = request.getHeaders().get("Referer");
        if (referer != null) {
            try {
                URI from = URI.create(referer);
                String host = request.getHeaders().get("Host");
                if (host != null && host.equals(from.getRawAuthority())) {
                    return ReturnPath.of(
                            from.getRawPath() + (from.getRawQuery() == null ? "" : "?" + from.getRawQuery()));
                }
            } catch (IllegalArgumentException e) {
                return ReturnPath.HOME;
            }
        }
        return ReturnPath.HOME;
    }
}
