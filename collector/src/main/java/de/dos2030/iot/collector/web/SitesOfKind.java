package de.dos2030.iot.collector.web;

import de.dos2030.iot.collector.places.PlaceDirectory;
import de.dos2030.iot.collector.web.session.SiteAccess;
import de.dos2030.iot.collector.web.session.WebSession;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * The list of schools ({@code /schulen}) or bridges ({@code /bruecken}): every site of that kind for
 * people signed in (those of their scope), the public ones for everyone else (nothing else of a
 * non-public site shows).
 */
public final class SitesOfKind {
    private SitesOfKind() {}

    public static HttpResponse<?> page(Pages pages, PlaceDirectory places, HttpRequest<?> request, String kind) {
        boolean signedIn = WebSession.of(request).isPresent();
        List<PlaceDirectory.Site> sites = places.sites().values().stream()
                .filter(s -> s.kind().equals(kind))
                .filter(s -> s.isPublic() || SiteAccess.live(request, s.id(), kind))
                .toList();
        return pages.ok(request, "sites", Map.of("sites", sites, "kind", kind, "signedIn", signedIn));
    }
}
