package de.dos2030.iot.collector.places;

import com.fasterxml.jackson.annotation.JsonProperty;
import de.dos2030.iot.collector.api.NotFoundException;
import de.dos2030.iot.collector.gateways.Gateway;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import de.dos2030.iot.collector.security.Scope;
import de.dos2030.iot.collector.statedb.RelationalStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The API's answers about sites: the list (every site the gateway registry or the places know) and
 * one site with its locations, sensors and open conflicts, read fresh from the tables. Thread-safe.
 */
@Singleton
public class SiteViews {
    private final RelationalStore db;
    private final GatewayRegistry gateways;
    private final PlaceDirectory directory;

    public SiteViews(RelationalStore db, GatewayRegistry gateways, PlaceDirectory directory) {
        this.db = db;
        this.gateways = gateways;
        this.directory = directory;
    }

    /** One site of the list. {@code timeZone} is the site's, or the default (Europe/Berlin). */
    @Serdeable
    public record SiteSummary(
            String id,
            String kind,
            @Nullable String name,
            @Nullable String address,
            @Nullable Position position,
            String timeZone,
            @JsonProperty("public") boolean isPublic,
            int locations,
            List<String> gateways) {}

    /** A room or bridge section, with the sensors at it. {@code adminFields}: fields reports no longer change. */
    @Serdeable
    public record LocationView(
            String id,
            String kind,
            @Nullable String name,
            @Nullable Integer floor,
            @Nullable String number,
            @Nullable Double at,
            List<SensorAt> sensors,
            List<String> adminFields,
            @Nullable String reportedBy,
            @Nullable Instant reportedAt,
            @Nullable String editedBy,
            @Nullable Instant editedAt) {}

    /** One site in full. */
    @Serdeable
    public record SiteDetail(
            String id,
            String kind,
            @Nullable String name,
            @Nullable String address,
            @Nullable Position position,
            String timeZone,
            @JsonProperty("public") boolean isPublic,
            List<String> gateways,
            List<LocationView> locations,
            List<SensorAt> sensors,
            List<PlaceConflict> conflicts,
            List<String> adminFields,
            @Nullable String reportedBy,
            @Nullable Instant reportedAt,
            @Nullable String editedBy,
            @Nullable Instant editedAt) {}

    /** The sites inside this scope. */
    public List<SiteSummary> list(Scope scope) {
        return list().stream().filter(s -> scope.allows(s.id(), s.kind())).toList();
    }

    /**
     * One site if it is inside this scope.
     *
     * @throws NotFoundException when the site is unknown or outside the scope (as if it did not exist)
     */
    public SiteDetail detail(String site, Scope scope) {
        SiteDetail d = detail(site);
        if (!scope.allows(d.id(), d.kind())) {
            throw new NotFoundException("no site '" + site + "'");
        }
        return d;
    }

    /**
     * As {@link #detail(String, Scope)}, null for a site nobody knows yet (an admin's edit may create it),
     * while one outside the scope is still refused.
     *
     * @throws NotFoundException when the site is known but outside the scope, or unknown to a scoped caller
     */
    @Nullable
    public SiteDetail detailOrNull(String site, Scope scope) {
        try {
            return detail(site, scope);
        } catch (NotFoundException e) {
            if (scope.isAll()) {
                return null;
            }
            throw e;
        }
    }

    public List<SiteSummary> list() {
        Map<String, List<String>> gatewaysBySite = new TreeMap<>();
        Map<String, String> kinds = new TreeMap<>();
        for (Gateway g : gateways.list()) {
            gatewaysBySite.computeIfAbsent(g.siteId(), k -> new ArrayList<>()).add(g.id());
            kinds.putIfAbsent(g.siteId(), g.siteKind().wireName());
        }
        directory.sites().forEach((id, s) -> {
            gatewaysBySite.computeIfAbsent(id, k -> new ArrayList<>());
            kinds.putIfAbsent(id, s.kind());
        });
        List<SiteSummary> out = new ArrayList<>();
        gatewaysBySite.forEach((id, gws) -> {
            Optional<PlaceDirectory.Site> s = directory.site(id);
            out.add(new SiteSummary(
                    id,
                    kinds.get(id),
                    s.map(PlaceDirectory.Site::name).orElse(null),
                    s.map(PlaceDirectory.Site::address).orElse(null),
                    s.map(PlaceDirectory.Site::position).orElse(null),
                    s.map(x -> x.zone().getId()).orElse(PlaceDirectory.DEFAULT_ZONE.getId()),
                    s.map(PlaceDirectory.Site::isPublic).orElse(false),
                    directory.locations(id).size(),
                    List.copyOf(gws)));
        });
        return out;
    }

    /** @throws NotFoundException when neither the gateway registry nor the places know the site */
    public SiteDetail detail(String site) {
        List<String> gws = gateways.list().stream()
                .filter(g -> g.siteId().equals(site))
                .map(Gateway::id)
                .toList();
        String registeredKind = gateways.list().stream()
                .filter(g -> g.siteId().equals(site))
                .map(g -> g.siteKind().wireName())
                .findFirst()
                .orElse(null);
        return db.run(c -> {
            Optional<PlaceRow> row = PlaceStore.site(c, site);
            if (row.isEmpty() && registeredKind == null) {
                throw new NotFoundException("no site '" + site + "'");
            }
            List<SensorAt> sensors = PlaceStore.sensors(c, " WHERE site_id = ?", site);
            List<LocationView> locations = new ArrayList<>();
            for (PlaceRow l : PlaceStore.locations(c, " WHERE site_id = ?", site)) {
                locations.add(new LocationView(
                        l.locationId(),
                        l.kind(),
                        (String) l.value(PlaceField.NAME),
                        (Integer) l.value(PlaceField.FLOOR),
                        (String) l.value(PlaceField.NUMBER),
                        (Double) l.value(PlaceField.AT),
                        sensors.stream()
                                .filter(s -> s.location().equals(l.locationId()))
                                .toList(),
                        names(l),
                        l.reportedBy(),
                        l.reportedAt(),
                        l.editedBy(),
                        l.editedAt()));
            }
            PlaceRow r = row.orElse(null);
            String zone = r == null || r.value(PlaceField.TIME_ZONE) == null
                    ? PlaceDirectory.DEFAULT_ZONE.getId()
                    : (String) r.value(PlaceField.TIME_ZONE);
            return new SiteDetail(
                    site,
                    r == null ? registeredKind : r.kind(),
                    r == null ? null : (String) r.value(PlaceField.NAME),
                    r == null ? null : (String) r.value(PlaceField.ADDRESS),
                    r == null ? null : (Position) r.value(PlaceField.POSITION),
                    zone,
                    r != null && r.isPublic(),
                    gws,
                    locations,
                    sensors,
                    PlaceStore.conflicts(c, site, "open"),
                    r == null ? List.of() : names(r),
                    r == null ? null : r.reportedBy(),
                    r == null ? null : r.reportedAt(),
                    r == null ? null : r.editedBy(),
                    r == null ? null : r.editedAt());
        });
    }

    private static List<String> names(PlaceRow r) {
        return r.adminFields().stream().map(PlaceField::wireName).sorted().toList();
    }
}
