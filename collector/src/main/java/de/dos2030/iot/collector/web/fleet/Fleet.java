package de.dos2030.iot.collector.web.fleet;

import de.dos2030.iot.collector.alerts.Alert;
import de.dos2030.iot.collector.alerts.AlertFilter;
import de.dos2030.iot.collector.alerts.AlertStore;
import de.dos2030.iot.collector.query.GatewayReadings;
import de.dos2030.iot.collector.query.InventoryService;
import de.dos2030.iot.collector.security.Scope;
import de.dos2030.iot.collector.web.SitePage;
import de.dos2030.iot.collector.web.WebConfig;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the fleet pages show, from the same services as the JSON API: the inventory (registry,
 * activity, health, sequence gaps), open alerts, the latest readings and health history. Adds the
 * page's one judgement, "late" ({@link GatewayState}). Thread-safe; reaches the database and InfluxDB.
 */
@Singleton
public class Fleet {
    /** Alert history rows on a gateway page. */
    static final int ALERTS_SHOWN = 20;
    /** Health reports on a gateway page. */
    static final int HEALTH_SHOWN = 20;

    private final InventoryService inventory;
    private final AlertStore alerts;
    private final GatewayReadings readings;
    private final SitePlaces places;
    private final WebConfig config;
    private final Clock clock;

    public Fleet(
            InventoryService inventory,
            AlertStore alerts,
            GatewayReadings readings,
            SitePlaces places,
            WebConfig config,
            Clock clock) {
        this.inventory = inventory;
        this.alerts = alerts;
        this.readings = readings;
        this.places = places;
        this.config = config;
        this.clock = clock;
    }

    /** One gateway's line in the fleet table. */
    public record Row(
            String id,
            String siteId,
            String siteName,
            String siteKind,
            GatewayState state,
            @Nullable Instant lastSeen,
            @Nullable String agentVersion,
            @Nullable String configVersion,
            @Nullable Long outboxDepth,
            String clockSync,
            long openAlerts,
            long missingSequences) {
        /** The site's school or bridge page. */
        public String sitePage() {
            return SitePage.of(siteKind, siteId);
        }
    }

    /** The fleet as filtered, the counts per state of the whole fleet, and the map of sites with a position. */
    public record Overview(List<Row> rows, int total, Map<GatewayState, Long> counts, SiteMap map) {
        public long online() {
            return counts.getOrDefault(GatewayState.ONLINE, 0L);
        }
    }

    /** The gateway page. */
    public record Detail(
            Row row,
            InventoryService.GatewayStatus status,
            List<GatewayReadings.Latest> latest,
            List<GatewayReadings.HealthReport> health,
            List<Alert> alerts) {}

    /** Every gateway, those of this kind and state (null: any), sorted by site then id. */
    public Overview overview(@Nullable String kind, @Nullable GatewayState state) {
        return overview(kind, state, Scope.ALL);
    }

    /** Every gateway of a site inside the scope, those of this kind and state (null: any), sorted by site then id. */
    public Overview overview(@Nullable String kind, @Nullable GatewayState state, Scope scope) {
        Map<String, Long> open = alerts.activeCountsByGateway();
        List<Row> all = new ArrayList<>();
        for (InventoryService.GatewayStatus g : inventory.gateways(null, scope)) {
            all.add(row(g, open.getOrDefault(g.id(), 0L)));
        }
        all.sort(java.util.Comparator.comparing(Row::siteId).thenComparing(Row::id));
        Map<GatewayState, Long> counts = new EnumMap<>(GatewayState.class);
        Map<String, GatewayState> worstBySite = new LinkedHashMap<>();
        Map<String, String> pageBySite = new LinkedHashMap<>();
        for (Row r : all) {
            counts.merge(r.state(), 1L, Long::sum);
            worstBySite.merge(r.siteId(), r.state(), Fleet::worse);
            pageBySite.putIfAbsent(r.siteId(), r.sitePage());
        }
        List<SiteMap.Marker> markers = new ArrayList<>();
        worstBySite.forEach((site, worst) -> {
            SitePlaces.Place p = places.of(site);
            if (p != null && p.positioned()) {
                markers.add(new SiteMap.Marker(site, p.name(), p.lat(), p.lon(), worst, pageBySite.get(site)));
            }
        });
        List<Row> shown = all.stream()
                .filter(r -> kind == null || kind.equals(r.siteKind()))
                .filter(r -> state == null || state == r.state())
                .toList();
        return new Overview(shown, all.size(), counts, SiteMap.of(markers));
    }

    /** One gateway with its sensors' latest values, health history and alerts; empty when unknown. */
    public Optional<Detail> gateway(String id) {
        return gateway(id, Scope.ALL);
    }

    /** As {@link #gateway(String)}; empty also when its site is outside the scope. */
    public Optional<Detail> gateway(String id, Scope scope) {
        Optional<InventoryService.GatewayStatus> status = inventory.gateway(id, scope);
        if (status.isEmpty()) {
            return Optional.empty();
        }
        List<Alert> history =
                alerts.list(null, AlertFilter.of(null, null, id, null, null, null), null, null, null, ALERTS_SHOWN);
        long open = history.stream().filter(a -> !a.status().equals("cleared")).count();
        return Optional.of(new Detail(
                row(status.get(), open),
                status.get(),
                readings.latest(id),
                readings.health(id, HEALTH_SHOWN),
                history));
    }

    private Row row(InventoryService.GatewayStatus g, long openAlerts) {
        InventoryService.Health h = g.health();
        SitePlaces.Place place = places.of(g.siteId());
        return new Row(
                g.id(),
                g.siteId(),
                place == null ? g.siteId() : place.name(),
                g.siteKind(),
                state(g),
                g.lastSeen(),
                h == null ? null : h.agentVersion(),
                h == null ? null : h.configVersion(),
                h == null ? null : h.outboxDepth(),
                g.clockSync() == null ? "unknown" : g.clockSync().toLowerCase(java.util.Locale.ROOT),
                openAlerts,
                g.missingSequences());
    }

    /** The inventory's state, with "late" for an online gateway silent for {@code collector.web.late-after}. */
    GatewayState state(InventoryService.GatewayStatus g) {
        return switch (g.state()) {
            case "disabled" -> GatewayState.DISABLED;
            case "never-seen" -> GatewayState.NEVER_SEEN;
            case "offline" -> GatewayState.OFFLINE;
            default ->
                g.lastSeen() != null && g.lastSeen().plus(config.lateAfter()).isBefore(clock.instant())
                        ? GatewayState.LATE
                        : GatewayState.ONLINE;
        };
    }

    /** The state that needs a visit sooner: offline, late, never seen, online, disabled. */
    static GatewayState worse(GatewayState a, GatewayState b) {
        return concern(a) >= concern(b) ? a : b;
    }

    private static int concern(GatewayState s) {
        return switch (s) {
            case OFFLINE -> 4;
            case LATE -> 3;
            case NEVER_SEEN -> 2;
            case ONLINE -> 1;
            case DISABLED -> 0;
        };
    }
}
