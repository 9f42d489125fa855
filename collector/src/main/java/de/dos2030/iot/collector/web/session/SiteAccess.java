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
 * (places registry) may be read by anyone; any other site needs a signed-in person of any role, and
 * someone without a session is sent to sign in and back, as {@link PageAccessFilter} does for pages
 * that always need one.
 */
public final class SiteAccess {
    private SiteAccess() {}

    /** Null when this request may read the site; otherwise the redirect to sign in. */
    @Nullable
    public static HttpResponse<?> refusal(HttpRequest<?> request, boolean sitePublic) {
        if (sitePublic || WebSession.of(request).isPresent()) {
            return null;
        }
        String query = request.getUri().getRawQuery();
        String back = ReturnPath.of(request.getUri().getRawPath() + (query == null ? "" : "?" + query));
        return HttpResponse.seeOther(URI.create("/anmelden?ziel=" + URLEncoder.encode(back, StandardCharsets.UTF_8)));
    }
}
