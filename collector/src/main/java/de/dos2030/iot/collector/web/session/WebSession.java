package de.dos2030.iot.collector.web.session;

import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.collector.security.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import java.util.Optional;

/**
 * A signed-in person on the web pages, as {@link PageAccessFilter} found them: who (the API token's
 * id, or {@code admin} for the bootstrap token), the role that decides what they may do, the scope that
 * decides which sites they see (the token's), and the CSRF token every form of theirs carries. Immutable.
 */
public record WebSession(String subject, Role role, Scope scope, String csrfToken) {
    static final String ATTRIBUTE = "dos.web.session";

    /** A session that sees every site. */
    public WebSession(String subject, Role role, String csrfToken) {
        this(subject, role, Scope.ALL, csrfToken);
    }

    /** The caller the services know (subscriptions belong to its subject, acknowledgements name it). */
    public Caller caller() {
        return new Caller(subject, role, scope);
    }

    /** Whether this person may see a site of this id and kind (wire name, or null when unknown). */
    public boolean sees(String siteId, @Nullable String siteKind) {
        return scope.allows(siteId, siteKind);
    }

    public boolean is(Role least) {
        return role.includes(least);
    }

    /** The session of a request that passed the page filter; empty when nobody is signed in. */
    public static Optional<WebSession> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, WebSession.class);
    }

    /**
     * The session of a request to a page that needs one.
     *
     * @throws IllegalStateException when the request did not pass the page filter with a session: a
     *                               page route outside the filter's paths fails instead of showing data
     */
    public static WebSession required(HttpRequest<?> request) {
        return of(request)
                .orElseThrow(() -> new IllegalStateException("page " + request.getPath()
                        + " was reached without a session: is it under PageAccessFilter's paths?"));
    }

    @Nullable
    public static WebSession orNull(HttpRequest<?> request) {
        return of(request).orElse(null);
    }
}
