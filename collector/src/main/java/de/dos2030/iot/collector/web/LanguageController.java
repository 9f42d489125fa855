package de.dos2030.iot.collector.web;

import de.dos2030.iot.collector.web.session.OpenPage;
import de.dos2030.iot.collector.web.session.SessionCookies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The language switch: a plain link ({@code /sprache/en?zurueck=/flotte}) that works without
 * JavaScript, remembers the choice in a cookie ({@link WebLocales}) and leads back to the page.
 * It changes nothing on the server, so it needs no CSRF token.
 */
@Controller
@Hidden
@OpenPage
public class LanguageController {
    private final Pages pages;

    public LanguageController(Pages pages) {
        this.pages = pages;
    }

    @Get("/sprache/{lang}")
    public MutableHttpResponse<?> choose(
            HttpRequest<?> request, @PathVariable String lang, @Nullable @QueryValue String zurueck) {
        Optional<Locale> locale = WebLocales.parse(lang);
        if (locale.isEmpty()) {
            return pages.problem(request, HttpStatus.NOT_FOUND, "problem.detail.noLanguage", lang);
        }
        return HttpResponse.seeOther(URI.create(ReturnPath.of(zurueck)))
                .cookie(SessionCookies.cookie(
                                request, WebLocales.COOKIE, locale.get().getLanguage())
                        .maxAge(java.time.Duration.ofDays(365)));
    }
}
