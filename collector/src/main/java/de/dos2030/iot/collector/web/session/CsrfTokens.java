package de.dos2030.iot.collector.web.session;

import de.dos2030.iot.collector.security.BearerToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/**
 * Which CSRF token a form must carry: a signed-in person's is their session's ({@link Sessions});
 * before sign-in (the sign-in form itself) it is a random value in the {@value #PRE_SESSION_COOKIE}
 * cookie that the form repeats (double submit). Either way, another site can neither read nor guess
 * it, and the SameSite=Strict cookies do not travel with its requests in the first place.
 */
public final class CsrfTokens {
    public static final String PRE_SESSION_COOKIE = "dos_csrf";
    /** The form field; scripts send the header {@value #HEADER} instead. */
    public static final String FIELD = "_csrf";

    public static final String HEADER = "X-CSRF-Token";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private CsrfTokens() {}

    /** The token this request's forms carry and its POSTs must send; null when there is none yet. */
    @Nullable
    public static String expected(HttpRequest<?> request) {
        WebSession session = WebSession.orNull(request);
        if (session != null) {
            return session.csrfToken();
        }
        return preSession(request);
    }

    /** The pre-session token of the request's cookie, if it has a well-formed one. */
    @Nullable
    public static String preSession(HttpRequest<?> request) {
        return request.getCookies()
                .findCookie(PRE_SESSION_COOKIE)
                .map(Cookie::getValue)
                .filter(v -> TOKEN.matcher(v).matches())
                .orElse(null);
    }

    /** A new pre-session token (256 random bits). */
    public static String newPreSession() {
        return BearerToken.random();
    }

    /** True when both are present and equal (compared in constant time). */
    public static boolean matches(@Nullable String expected, @Nullable String given) {
        return expected != null
                && given != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
