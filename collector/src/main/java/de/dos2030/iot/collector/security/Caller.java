package de.dos2030.iot.collector.security;

import io.micronaut.http.HttpRequest;

/**
 * Who made an API request, set by {@link AccessFilter}. {@code subject} is the token id (or
 * {@code admin} for the bootstrap token); subscriptions belong to it. {@code scope}: the sites it may
 * see ({@link Scope}), the token's, never the request's.
 */
public record Caller(String subject, Role role, Scope scope) {
    public static final String ATTRIBUTE = "dos.caller";
    public static final String BOOTSTRAP_ADMIN = "admin";

    public Caller {
        if (scope == null) {
            throw new IllegalArgumentException("a caller needs a scope (Scope.ALL for every site)");
        }
    }

    /** A caller who may see every site. */
    public Caller(String subject, Role role) {
        this(subject, role, Scope.ALL);
    }

    /** Whether this caller may see a site of this id and kind (wire name, or null when unknown). */
    public boolean sees(String siteId, String siteKind) {
        return scope.allows(siteId, siteKind);
    }

    public boolean is(Role least) {
        return role.includes(least);
    }

    /** The caller of a request that passed the filter. */
    public static Caller of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, Caller.class)
                .orElseThrow(() -> new IllegalStateException("request did not pass the access filter"));
    }
}
