package de.dos2030.iot.collector.web.session;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.time.Duration;

/**
 * The pages' cookies: HttpOnly (no script reads them), SameSite=Strict (no other site's request
 * carries them), path /, and Secure when the page came over HTTPS (directly, or through a load
 * balancer that says so in {@code X-Forwarded-Proto}). The session cookie lives until the browser
 * closes; the server ends the session earlier (idle, absolute expiry, sign-out).
 */
public final class SessionCookies {
    public static final String SESSION = "dos_session";

    private SessionCookies() {}

    public static Cookie session(HttpRequest<?> request, String value) {
        return cookie(request, SESSION, value);
    }

    /** A cookie that makes the browser forget {@code name}. */
    public static Cookie expired(HttpRequest<?> request, String name) {
        return cookie(request, name, "").maxAge(Duration.ZERO);
    }

    /** Any of the pages' cookies, with the attributes above. */
    public static Cookie cookie(HttpRequest<?> request, String name, String value) {
        return Cookie.of(name, value)
                .httpOnly(true)
                .sameSite(SameSite.Strict)
                .path("/")
                .secure(secure(request));
    }

    static boolean secure(HttpRequest<?> request) {
        return request.isSecure()
                || "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"));
    }
}
