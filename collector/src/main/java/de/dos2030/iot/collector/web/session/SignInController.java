package de.dos2030.iot.collector.web.session;

import de.dos2030.iot.collector.web.Pages;
import de.dos2030.iot.collector.web.ReturnPath;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-in with an API token (the form at {@code /anmelden}) and sign-out. A good token starts a
 * session ({@link Sessions}) and leads back to the page asked for ({@code ziel}, checked by
 * {@link ReturnPath}); a wrong one shows the form again with a GOV.UK-style error summary. The
 * token itself is never stored, logged or shown again.
 */
@Controller
@Hidden
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
@OpenPage
public class SignInController {
    /** Where a signed-in person's "sign out" form posts to. */
    public static final String SIGN_OUT = "/abmelden";

    private final Sessions sessions;
    private final Pages pages;

    public SignInController(Sessions sessions, Pages pages) {
        this.sessions = sessions;
        this.pages = pages;
    }

    @Get("/anmelden")
    public MutableHttpResponse<String> form(HttpRequest<?> request, @Nullable @QueryValue String ziel) {
        Map<String, Object> model = new HashMap<>();
        model.put("target", ReturnPath.of(ziel));
        model.put("error", null);
        model.put("expired", ziel != null && WebSession.of(request).isEmpty());
        model.put("signedOut", request.getParameters().contains("abgemeldet"));
        return pages.ok(request, "signin", model);
    }

    @Post(value = "/anmelden", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> signIn(HttpRequest<?> request, @Nullable String token, @Nullable String ziel) {
        String target = ReturnPath.of(ziel);
        if (token == null || token.isBlank()) {
            return again(request, target, "signin.error.missing");
        }
        Optional<Sessions.Started> started = sessions.signIn(token);
        if (started.isEmpty()) {
            return again(request, target, "signin.error.unknown");
        }
        request.getCookies()
                .findCookie(SessionCookies.SESSION)
                .map(Cookie::getValue)
                .ifPresent(sessions::signOut); // a new session id at every sign-in (no fixation)
        return HttpResponse.seeOther(URI.create(target))
                .cookie(SessionCookies.session(request, started.get().cookieValue()))
                .cookie(SessionCookies.expired(request, CsrfTokens.PRE_SESSION_COOKIE));
    }

    @Post(value = SIGN_OUT, consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<?> signOut(HttpRequest<?> request) {
        request.getCookies()
                .findCookie(SessionCookies.SESSION)
                .map(Cookie::getValue)
                .ifPresent(sessions::signOut);
        return signedOut(request);
    }

    /** To the sign-in page saying "signed out", with the session cookie removed. */
    static MutableHttpResponse<?> signedOut(HttpRequest<?> request) {
        return HttpResponse.seeOther(URI.create("/anmelden?abgemeldet=1"))
                .cookie(SessionCookies.expired(request, SessionCookies.SESSION));
    }

    private MutableHttpResponse<String> again(HttpRequest<?> request, String target, String errorKey) {
        Map<String, Object> model = new HashMap<>();
        model.put("target", target);
        model.put("error", errorKey);
        model.put("expired", false);
        model.put("signedOut", false);
        return pages.render(request, HttpStatus.UNAUTHORIZED, "signin", model);
    }
}
