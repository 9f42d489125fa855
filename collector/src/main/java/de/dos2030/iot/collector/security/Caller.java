package de.dos2030.iot.collector.security;

import io.micronaut.http.HttpRequest;

/**
 * Who made an API request, set by {@link AccessFilter}. {@code subject} is the token id (or
 * {@code admin} for the bootstrap token); subscriptions belong to it.
 */
public record Caller(String subject, Role role) {
    public static final String ATTRIBUTE = "dos.caller";
    public static final String BOOTSTRAP_ADMIN = "admin";

    public boolean is(Role least) {
        return role.includes(least);
    }

    /** The caller of a request that passed the filter. */
    public static Caller of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, Caller.class)
                .orElseThrow(() -> new IllegalStateException("request did not pass the access filter"));
    }
}
