package de.dos2030.iot.collector.web.session;

import de.dos2030.iot.collector.web.ReturnPath;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The rule of the classroom and bridge pages ({@link OpenPage} routes): a site whose public flag is set
 * (places registry) may be read by anyone; any other site needs a signed-in person of any role whose scope
 * holds it, and someone without a session is sent to sign in and back, as {@link PageAccessFilter} does
 * for pages that always need one. A signed-in person sees a site outside their scope as anonymous visitors
 * do: the public view of a public site, 404 for any other.
 */
public final class SiteAccess {
    private SiteAccess() {}

    /** Null when this request may read the site; otherwise the redirect to sign in, or 404 outside the scope. */
    @Nullable
    public static HttpResponse<?> refusal(
            HttpRequest<?> request, String siteId, @Nullable String siteKind, boolean sitePublic) {
        if (sitePublic || live(request, siteId, siteKind)) {
            return null;
        }
        if (WebSession.of(request).isPresent()) {
            return HttpResponse
                    .notFound(); // outside the scope: as if it did not exist (a problem page, PageAccessFilter)
        }
        String query = request.getUri().getRawQuery();
        String back = ReturnPath.of(request.getUri().getRawPath() + (query == null ? "" : "?" + query));
        return HttpResponse.seeOther(URI.create("/anmelden?ziel=" + URLEncoder.encode(back, StandardCharsets.UTF_8)));
    }

    /** Whether this request sees the site live: a session whose scope holds it (else the public view). */
    public static boolean live(HttpRequest<?> request, String siteId, @Nullable String siteKind) {
        return WebSession.of(request).filter(w -> w.sees(siteId, siteKind)).isPresent();
    }
}
