package de.dos2030.iot.collector.web;

import de.dos2030.iot.collector.words.Language;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.server.util.locale.CompositeHttpLocaleResolver;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The language of a page: German unless the person chose English with the language switch, which
 * sets the {@value #COOKIE} cookie. The browser's {@code Accept-Language} is not asked: the
 * programme's pages are German first, and a page must not change language between two browsers.
 * Only the two languages with a message bundle are ever returned.
 */
@Singleton
@Primary
@Replaces(CompositeHttpLocaleResolver.class)
public class WebLocales implements HttpLocaleResolver {
    public static final String COOKIE = "dos_lang";
    public static final Locale GERMAN = Language.GERMAN.locale();
    public static final Locale ENGLISH = Language.ENGLISH.locale();
    /** Every language the pages speak, the default first: those the alert texts speak ({@link Language}). */
    public static final List<Locale> LANGUAGES =
            Arrays.stream(Language.values()).map(Language::locale).toList();

    @Override
    @NonNull
    public Optional<Locale> resolve(@NonNull HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue).flatMap(WebLocales::parse);
    }

    @Override
    @NonNull
    public Locale resolveOrDefault(@NonNull HttpRequest<?> request) {
        return resolve(request).orElse(GERMAN);
    }

    /** The supported language with this tag ({@code de}, {@code en}), or empty. */
    public static Optional<Locale> parse(String tag) {
        return LANGUAGES.stream().filter(l -> l.getLanguage().equals(tag)).findFirst();
    }
}
