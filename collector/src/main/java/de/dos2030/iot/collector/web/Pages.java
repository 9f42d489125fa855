package de.dos2030.iot.collector.web;

import de.dos2030.iot.collector.places.PlaceDirectory;
import de.dos2030.iot.collector.web.assets.Assets;
import de.dos2030.iot.collector.web.session.CsrfTokens;
import de.dos2030.iot.collector.web.session.SessionCookies;
import de.dos2030.iot.collector.web.session.WebSession;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a page: a Thymeleaf template from {@code views/} with the page's model, the layout's
 * ({@link PageLayout} as {@code page}) and a formatter for its language ({@link Formats} as
 * {@code fmt}), into a complete HTML answer with the pages' headers: never cached (they show live
 * state and a CSRF token), a Content-Security-Policy that allows only the collector's own scripts
 * and styles, no framing. Thread-safe.
 */
@Singleton
public class Pages {
    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    private final ThymeleafViewsRenderer<Map<String, Object>> renderer;
    private final HttpLocaleResolver locales;
    private final Assets assets;

    public Pages(ThymeleafViewsRenderer<Map<String, Object>> renderer, HttpLocaleResolver locales, Assets assets) {
        this.renderer = renderer;
        this.locales = locales;
        this.assets = assets;
    }

    /**
     * The model key of the zone a page shows its times in: the site's ({@code PlaceDirectory.zoneOf});
     * pages without one site use {@link PlaceDirectory#DEFAULT_ZONE}.
     */
    public static final String ZONE = "zone";

    /** 200 with this view. */
    public MutableHttpResponse<String> ok(HttpRequest<?> request, String view, Map<String, Object> model) {
        return render(request, HttpStatus.OK, view, model);
    }

    /**
     * A problem page (views/problem.html): its status, a heading and text from the bundle
     * ({@code problem.<status>.title}, {@code .text}) and an optional detail in English from a service.
     */
    public MutableHttpResponse<String> problem(HttpRequest<?> request, HttpStatus status, @Nullable String detail) {
        Map<String, Object> model = new HashMap<>();
        model.put("status", status.getCode());
        model.put("detail", detail);
        return render(request, status, "problem", model);
    }

    /**
     * A problem page whose detail is in the page's language: bundle key {@code detailKey} with up to two
     * arguments, times and numbers formatted as the page formats them.
     */
    public MutableHttpResponse<String> problem(
            HttpRequest<?> request, HttpStatus status, String detailKey, Object... args) {
        if (args.length > 2) {
            throw new IllegalArgumentException("a problem's detail takes at most two arguments: " + detailKey);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("status", status.getCode());
        model.put("detailKey", detailKey);
        model.put(DETAIL_ARGS, args);
        return render(request, status, "problem", model);
    }

    private static final String DETAIL_ARGS = "detailArgs";

    public MutableHttpResponse<String> render(
            HttpRequest<?> request, HttpStatus status, String view, Map<String, Object> model) {
        Locale locale = locales.resolveOrDefault(request);
        WebSession session = WebSession.orNull(request);
        String csrf = CsrfTokens.expected(request);
        String newPreSession = null;
        if (csrf == null) {
            csrf = newPreSession = CsrfTokens.newPreSession();
        }
        String here = ReturnPath.of(request.getUri().getRawPath()
                + (request.getUri().getRawQuery() == null
                        ? ""
                        : "?" + request.getUri().getRawQuery()));
        Map<String, Object> all = new HashMap<>(model);
        all.put(
                "page",
                new PageLayout(
                        locale.getLanguage(),
                        locale.getLanguage().equals("de") ? "en" : "de",
                        here,
                        session,
                        csrf,
                        Navigation.links(session, request.getPath()),
                        assets));
        all.put("alertTitles", AlertTitles.INSTANCE);
        Formats fmt = new Formats(locale, model.get(ZONE) instanceof ZoneId z ? z : PlaceDirectory.DEFAULT_ZONE);
        all.put("fmt", fmt);
        if (model.get(DETAIL_ARGS) instanceof Object[] args) {
            all.put(DETAIL_ARGS, formatted(fmt, args));
        }
        StringWriter out = new StringWriter(16_384);
        try {
            renderer.render(view, all, request).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MutableHttpResponse<String> response = HttpResponse.<String>status(status)
                .body(out.toString())
                .contentType("text/html;charset=utf-8")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header(HttpHeaders.CONTENT_LANGUAGE, locale.getLanguage());
        if (newPreSession != null) {
            response.cookie(SessionCookies.cookie(request, CsrfTokens.PRE_SESSION_COOKIE, newPreSession));
        }
        return response;
    }

    /** Exactly two texts for a detail message: times and numbers as the page shows them, the rest as given. */
    private static List<String> formatted(Formats fmt, Object[] args) {
        List<String> out = new ArrayList<>(2);
        for (Object a : args) {
            out.add(
                    a instanceof Instant t
                            ? fmt.dateTime(t)
                            : a instanceof Number n ? fmt.number(n) : String.valueOf(a));
        }
        while (out.size() < 2) {
            out.add("");
        }
        return out;
    }
}
