package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.ErrorAnswer;
import de.dos2030.iot.collector.places.PlaceDirectory;
import de.dos2030.iot.collector.places.SensorAt;
import de.dos2030.iot.collector.rollup.Tier;
import de.dos2030.iot.collector.rollup.TierFreshness;
import de.dos2030.iot.collector.rollup.TierLayout;
import de.dos2030.iot.collector.security.Scope;
import de.dos2030.iot.collector.storage.RetentionConfig;
import de.dos2030.iot.model.SiteKind;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Answers series queries from InfluxDB: builds the InfluxQL from a validated {@link SeriesQuery}
 * (identifiers through {@link InfluxQl}), reads windows from the rollup tiers where they are exact,
 * enforces the point limit before and after asking, and maps the answer. Raw points of any
 * quality are read with their quality tag; windows of any quality are grouped by it
 * ({@link QualityDetail}). A {@code location} becomes the (gateway, sensor) pairs the place registry
 * has there; each series carries its {@link SeriesPlace}. Thread-safe.
 */
@Singleton
public class SeriesService {
    private final InfluxReader influx;
    private final QueryConfig config;
    private final PlaceDirectory places;
    private final TierFreshness freshness;
    private final TierAnswers tiers;
    private final RetentionCheck retention;
    private final Clock clock;

    public SeriesService(
            InfluxReader influx,
            QueryConfig config,
            PlaceDirectory places,
            TierFreshness freshness,
            RetentionConfig retention,
            Clock clock) {
        this.influx = influx;
        this.config = config;
        this.places = places;
        this.freshness = freshness;
        this.tiers = new TierAnswers(influx, freshness);
        this.retention = new RetentionCheck(retention);
        this.clock = clock;
    }

    /** The InfluxQL for a query over the raw readings (also what the benchmark sends straight to InfluxDB). */
    public String influxQl(SeriesQuery q) {
        return influxQl(q, q.tz() != null ? q.tz() : places.zoneOf(q.site()), Scope.ALL);
    }

    private String influxQl(SeriesQuery q, ZoneId tz, Scope scope) {
        String field = InfluxQl.identifier(q.field());
        StringBuilder ql = new StringBuilder("SELECT ");
        QualityDetail quality = q.qualityDetail();
        ql.append(q.aggregate() == null ? field : q.aggregate().select(field)).append(" AS \"value\"");
        if (quality == QualityDetail.PER_POINT && q.quality() == null) {
            // The tag beside the field: each row's reading's quality. With quality=ok the filter says
            // it, and asking InfluxDB for it made a raw day of 8640 points slower (collector/README.md).
            ql.append(", \"quality\"::tag");
        }
        ql.append(" FROM ")
                .append(sources(q, null, scope))
                .append(" WHERE time >= ")
                .append(q.from().toEpochMilli())
                .append("ms AND time < ")
                .append(q.to().toEpochMilli())
                .append("ms");
        if (q.quality() != null) {
            ql.append(" AND ").append(InfluxQl.tagEquals("quality", "quality", q.quality()));
        }
        ql.append(filters(q, scope)).append(" GROUP BY ");
        if (q.window() != null) {
            ql.append("time(").append(q.window().toSeconds()).append("s), ");
        }
        ql.append("\"site\", \"gateway\", \"sensor\"");
        if (quality == QualityDetail.PER_SERIES) {
            ql.append(", \"quality\""); // windows never mix qualities
        }
        if (q.window() != null) {
            ql.append(" fill(none)");
            if (WindowGrid.of(q.window(), tz).calendarDays()) {
                ql.append(" tz(").append(InfluxQl.literal(tz.getId())).append(')');
            }
        } else {
            ql.append(" LIMIT ").append(config.maxPoints() + 1L); // per series; the total is checked below
        }
        return ql.toString();
    }

    /**
     * The query's conditions besides time and quality, each starting with {@code AND}; the first is the
     * caller's scope (server-built, {@link InfluxQl#scope}).
     */
    private String filters(SeriesQuery q, Scope scope) {
        StringBuilder where = new StringBuilder();
        if (!scope.isAll()) {
            where.append(" AND ").append(InfluxQl.scope(scope));
        }
        if (q.site() != null) {
            where.append(" AND ").append(InfluxQl.tagEquals("site", "site", q.site()));
        }
        if (q.siteKind() != null) {
            where.append(" AND ").append(InfluxQl.tagEquals("site_kind", "siteKind", q.siteKind()));
        }
        if (q.gateway() != null) {
            where.append(" AND ").append(InfluxQl.tagEquals("gateway", "gateway", q.gateway()));
        }
        if (q.sensor() != null) {
            where.append(" AND ").append(InfluxQl.tagEquals("sensor", "sensor", q.sensor()));
        }
        if (q.location() != null) {
            where.append(" AND (")
                    .append(sensorsAt(q).stream()
                            .map(s -> "(" + InfluxQl.tagEquals("gateway", "gateway", s.gateway()) + " AND "
                                    + InfluxQl.tagEquals("sensor", "sensor", s.sensor()) + ")")
                            .collect(Collectors.joining(" OR ")))
                    .append(')');
        }
        return where.toString();
    }

    /** The {@code FROM} list: the quantity's measurement in the policy of each site kind the query may read. */
    private static String sources(SeriesQuery q, @Nullable Tier tier, Scope scope) {
        StringBuilder from = new StringBuilder();
        for (SiteKind kind : SiteKind.values()) {
            if ((q.siteKind() == null || q.siteKind().equals(kind.wireName()))
                    && (scope.siteKind() == null || scope.siteKind().equals(kind.wireName()))) {
                String policy = tier == null ? TierLayout.rawPolicy(kind) : TierLayout.policy(kind, tier);
                from.append(from.isEmpty() ? "" : ",")
                        .append(InfluxQl.identifier(policy))
                        .append('.')
                        .append(InfluxQl.identifier(q.quantity().measurement()));
            }
        }
        return from.toString();
    }

    /**
     * Runs a query: windows of ok readings with an aggregate that composes from the rollup tiers
     * ({@link TierAnswers}), everything else from the raw readings, whose answer streams into columns
     * (no object per point).
     *
     * @throws TooManyPointsException when the answer would exceed {@code collector.query.max-points}
     * @throws InfluxReader.QueryFailedException when InfluxDB cannot answer
     */
    public SeriesAnswer run(SeriesQuery q) {
        return run(q, Scope.ALL);
    }

    /**
     * As {@link #run(SeriesQuery)}, over the sites of this scope only: the scope is a condition of every
     * InfluxQL statement (raw and tiers), so a query naming a site outside it answers no series.
     */
    public SeriesAnswer run(SeriesQuery q, Scope scope) {
        ZoneId siteZone = places.zoneOf(q.site());
        ZoneId tz = q.tz() != null ? q.tz() : siteZone;
        if (disjoint(q, scope)) {
            return new SeriesAnswer(q, tz, List.of(), 0, new ArrayList<>()); // nothing it names may be read
        }
        if (q.location() != null && sensorsAt(q).isEmpty()) {
            // a location nothing reported a sensor at: nothing to ask
            return new SeriesAnswer(q, tz, List.of(), 0, new ArrayList<>());
        }
        if (q.window() != null) {
            WindowGrid grid = WindowGrid.of(q.window(), tz);
            long windows = grid.count(q.from(), q.to());
            if (windows > config.maxPoints()) {
                throw new TooManyPointsException(windows, config.maxPoints());
            }
            if (TierAnswers.answers(q) && freshness.maintained()) {
                SeriesAnswer fromTiers = fromTiers(q, grid, tz, dayZone(q), scope);
                if (fromTiers != null) {
                    return fromTiers;
                }
            }
        }
        retention.requireRaw(q, kinds(q), clock.instant());
        List<SeriesColumns> series = new ArrayList<>(influx.columns(influxQl(q, tz, scope), config.maxPoints()));
        return answer(q, tz, List.of("raw"), series);
    }

    /** Whether the query names a site or site kind outside the scope: then it may read nothing. */
    private static boolean disjoint(SeriesQuery q, Scope scope) {
        return scope.sites() != null && q.site() != null && !scope.sites().contains(q.site())
                || scope.siteKind() != null
                        && q.siteKind() != null
                        && !scope.siteKind().equals(q.siteKind());
    }

    /** The site kinds a query reads: the one it names (or its site's), else every kind. */
    private Set<SiteKind> kinds(SeriesQuery q) {
        String kind = q.siteKind();
        if (kind == null && q.site() != null) {
            kind = places.site(q.site()).map(PlaceDirectory.Site::kind).orElse(null);
        }
        for (SiteKind k : SiteKind.values()) {
            if (k.wireName().equals(kind)) {
                return EnumSet.of(k);
            }
        }
        return EnumSet.allOf(SiteKind.class);
    }

    /**
     * The zone of the day tier's cells for this query: its site's, or the one zone every site of
     * the registry shares; null when the sites it may read have different zones (then no day cell
     * is a calendar day of the query's windows everywhere).
     */
    @Nullable
    private ZoneId dayZone(SeriesQuery q) {
        if (q.site() != null) {
            return places.zoneOf(q.site());
        }
        Set<ZoneId> zones = places.sites().values().stream()
                .filter(site -> q.siteKind() == null || q.siteKind().equals(site.kind()))
                .map(PlaceDirectory.Site::zone)
                .collect(Collectors.toSet());
        return zones.size() > 1 ? null : zones.stream().findFirst().orElse(PlaceDirectory.DEFAULT_ZONE);
    }

    @Nullable
    private SeriesAnswer fromTiers(SeriesQuery q, WindowGrid grid, ZoneId tz, @Nullable ZoneId dayZone, Scope scope) {
        List<Tier> fitting = TierAnswers.fitting(grid, dayZone, q.from(), q.to());
        if (fitting.isEmpty()) {
            return null;
        }
        List<TierCoverage.Piece> pieces = tiers.plan(q, fitting, dayZone);
        if (pieces.stream().allMatch(p -> p.tier() == null)) {
            return null; // one raw query answers as well, and faster
        }
        retention.requirePieces(q, pieces, fitting.get(0), kinds(q), clock.instant());
        TierAnswers.Composed composed = tiers.compose(
                pieces, grid, dayZone, q.field(), q.aggregate(), filters(q, scope), tier -> sources(q, tier, scope));
        if (composed == null) {
            return null;
        }
        List<SeriesColumns> series = new ArrayList<>();
        composed.windows().forEach((key, windows) -> {
            SeriesColumns s = new SeriesColumns(key.site(), key.gateway(), key.sensor(), null);
            windows.forEach((start, cells) -> {
                double value = q.aggregate().of(cells);
                if (!Double.isNaN(value)) {
                    s.add(start.toEpochMilli(), value, null);
                }
            });
            if (s.size() > 0) {
                series.add(s);
            }
        });
        return answer(q, tz, List.copyOf(composed.sources()), series);
    }

    private SeriesAnswer answer(SeriesQuery q, ZoneId tz, List<String> sources, List<SeriesColumns> series) {
        long total = 0;
        for (SeriesColumns s : series) {
            total += s.size();
            s.place(SeriesPlace.of(places, s));
        }
        if (total > config.maxPoints()) {
            throw new TooManyPointsException(total, config.maxPoints());
        }
        series.sort(Comparator.comparing(SeriesColumns::site)
                .thenComparing(SeriesColumns::gateway)
                .thenComparing(SeriesColumns::sensor)
                .thenComparing(SeriesColumns::quality, Comparator.nullsFirst(Comparator.naturalOrder())));
        return new SeriesAnswer(q, tz, sources, total, series);
    }

    /**
     * The sensors at the query's location.
     *
     * @throws BadRequestException naming {@code location} when the site has no such location
     */
    private List<SensorAt> sensorsAt(SeriesQuery q) {
        if (places.location(q.site(), q.location()).isEmpty()) {
            String known = String.join(", ", places.locations(q.site()).keySet());
            throw new BadRequestException("location " + ErrorAnswer.quoted(q.location())
                    + " is not a location of site '"
                    + q.site() + "' (allowed: " + (known.isEmpty() ? "none: the site has no locations yet" : known)
                    + ")");
        }
        return places.sensorsAt(q.site(), q.location());
    }
}
