package de.dos2030.iot.collector.web.bridge;

import de.dos2030.iot.collector.alerts.Alert;
import de.dos2030.iot.collector.alerts.AlertFilter;
import de.dos2030.iot.collector.alerts.AlertStore;
import de.dos2030.iot.collector.opendata.PublicTier;
import de.dos2030.iot.collector.places.PlaceDirectory;
import de.dos2030.iot.collector.query.Aggregate;
import de.dos2030.iot.collector.query.SeriesAnswer;
import de.dos2030.iot.collector.query.SeriesColumns;
import de.dos2030.iot.collector.query.SeriesQuery;
import de.dos2030.iot.collector.query.SeriesService;
import de.dos2030.iot.collector.web.Curve;
import de.dos2030.iot.collector.web.ShortCache;
import de.dos2030.iot.model.PlaceReport;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.Statistic;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

/**
 * Builds the bridge page's {@link BridgeView} from the places registry, the query planner and the
 * alert store, kept for {@link #TTL} per site and range for everyone who looks. Thread-safe.
 */
@Singleton
public class Bridges {
    static final Duration TTL = Duration.ofSeconds(30);
    /** How old a bridge view may be shown while its refresh runs. */
    static final Duration MAX_STALE = Duration.ofMinutes(5);
    /** The features shown per section, in this order. */
    static final List<Quantity> LATEST = List.of(
            Quantity.VIBRATION_RMS,
            Quantity.VIBRATION_PEAK,
            Quantity.DOMINANT_FREQUENCY,
            Quantity.STRAIN,
            Quantity.TILT);
    /** The quantities with a trend chart per section. */
    static final List<Quantity> TRENDS = List.of(Quantity.STRAIN, Quantity.TILT, Quantity.VIBRATION_RMS);

    /** A bridge as people with a session see it (live), or as anonymous visitors do ({@link PublicTier}). */
    private record Key(String site, BridgeRange range, boolean anonymous) {}

    private final PlaceDirectory places;
    private final SeriesService series;
    private final AlertStore alerts;
    private final Clock clock;
    private final PublicTier publicTier;
    private final ShortCache<Key, BridgeView> cache;

    public Bridges(
            PlaceDirectory places,
            SeriesService series,
            AlertStore alerts,
            Clock clock,
            PublicTier publicTier,
            @Named(TaskExecutors.IO) ExecutorService refresher) {
        this.places = places;
        this.series = series;
        this.alerts = alerts;
        this.clock = clock;
        this.publicTier = publicTier;
        this.cache = new ShortCache<>(clock, TTL, MAX_STALE, 1_000, refresher);
    }

    /**
     * The bridge site, or empty when the registry knows no bridge of that id. An {@code anonymous}
     * visitor (of a public site) sees what the open data gives anyone: up to
     * {@link PublicTier#publicUntil} and in windows of at least its minimum (hourly statistics).
     */
    public Optional<BridgeView> bridge(String site, BridgeRange range, boolean anonymous) {
        return places.site(site)
                .filter(s -> s.kind().equals("bridge"))
                .map(s -> cache.get(new Key(site, range, anonymous), () -> load(s, range, anonymous)));
    }

    private BridgeView load(PlaceDirectory.Site site, BridgeRange range, boolean anonymous) {
        Instant until = anonymous ? publicTier.publicUntil(SiteKind.BRIDGE, site.zone(), clock.instant()) : null;
        Instant now = until == null ? clock.instant() : until;
        Duration least = anonymous ? publicTier.minWindow(SiteKind.BRIDGE) : Duration.ZERO;
        Duration trendWindow = max(range.window(), least);
        Duration latestWindow = max(Duration.ofMinutes(1), least);
        Aggregate latestAggregate = anonymous ? Aggregate.MEAN : Aggregate.LAST;
        Instant from = range.window().compareTo(Duration.ofDays(1)) >= 0
                ? LocalDate.ofInstant(now.minusMillis(1), site.zone())
                        .minusDays(range.length().toDays() - 1)
                        .atStartOfDay(site.zone())
                        .toInstant()
                : now.minus(range.length());
        List<Alert> history =
                alerts.list(null, AlertFilter.of(site.id(), null, null, null, null, null), null, null, null, 500);
        List<BridgeView.Section> sections = new ArrayList<>();
        for (PlaceDirectory.Location section : places.locations(site.id()).values()) {
            List<BridgeView.Latest> latest = new ArrayList<>();
            for (Quantity q : LATEST) {
                SeriesAnswer a = series.run(
                        query(site, section, q, now.minus(Duration.ofDays(1)), now, latestWindow, latestAggregate));
                latest.add(last(a, q, places.limitAt(site.id(), section.id(), q).orElse(null)));
            }
            Map<String, Curve> trends = new LinkedHashMap<>();
            Map<String, SeriesAnswer> answers = new HashMap<>();
            for (Quantity q : TRENDS) {
                SeriesAnswer a = series.run(query(site, section, q, from, now, trendWindow, Aggregate.MEAN));
                trends.put(
                        q.wireName(),
                        Curve.of(
                                a,
                                null,
                                lines(places.limitAt(site.id(), section.id(), q).orElse(null)),
                                "/bruecken/" + site.id() + "/" + section.id() + "/" + q.wireName() + ".csv?zeitraum="
                                        + range.wireName()));
                answers.put(q.wireName(), a);
            }
            sections.add(new BridgeView.Section(section, latest, trends, answers));
        }
        List<Alert> active =
                history.stream().filter(a -> !a.status().equals("cleared")).toList();
        return new BridgeView(site, range, sections, active, until, anonymous ? least : null);
    }

    private static SeriesQuery query(
            PlaceDirectory.Site site,
            PlaceDirectory.Location section,
            Quantity q,
            Instant from,
            Instant to,
            Duration window,
            Aggregate aggregate) {
        return new SeriesQuery(q, Statistic.SAMPLE, site.id(), null, null, null, from, to, window, aggregate, "ok")
                .withLocation(section.id());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The limits a chart draws as lines. */
    private static List<Double> lines(@Nullable PlaceReport.Limit limit) {
        if (limit == null) {
            return List.of();
        }
        return Stream.of(limit.warningAbove(), limit.criticalAbove(), limit.warningBelow(), limit.criticalBelow())
                .filter(Objects::nonNull)
                .toList();
    }

    private static BridgeView.Latest last(SeriesAnswer a, Quantity q, @Nullable PlaceReport.Limit limit) {
        long best = Long.MIN_VALUE;
        Double value = null;
        for (SeriesColumns s : a.series()) {
            if (s.size() > 0 && s.time(s.size() - 1) > best) {
                best = s.time(s.size() - 1);
                value = s.value(s.size() - 1);
            }
        }
        return new BridgeView.Latest(
                q.wireName(), value, q.unit(), value == null ? null : Instant.ofEpochMilli(best), limit);
    }
}
