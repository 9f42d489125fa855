package de.dos2030.iot.collector.web.classroom;

import de.dos2030.iot.collector.opendata.PublicTier;
import de.dos2030.iot.collector.places.PlaceDirectory;
import de.dos2030.iot.collector.query.Aggregate;
import de.dos2030.iot.collector.query.SeriesAnswer;
import de.dos2030.iot.collector.query.SeriesColumns;
import de.dos2030.iot.collector.query.SeriesQuery;
import de.dos2030.iot.collector.query.SeriesService;
import de.dos2030.iot.collector.web.Curve;
import de.dos2030.iot.collector.web.ShortCache;
import de.dos2030.iot.collector.web.WebConfig;
import de.dos2030.iot.model.ClassroomGuidance;
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
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Builds the classroom page's {@link ClassroomView} from the places registry and the query planner
 * (tiers where exact, raw for the minutes not rolled up yet), and keeps it for
 * {@code collector.web.room-cache-ttl} (the latest values) and a minute (the curves): however many
 * displays and phones show a room, it costs three InfluxDB queries per period and two a minute, and no
 * viewer waits for them once the room has been shown (see {@link ShortCache}). Thread-safe.
 */
@Singleton
public class Classrooms {
    static final List<Quantity> NOW = List.of(Quantity.CO2, Quantity.TEMPERATURE, Quantity.RELATIVE_HUMIDITY);
    static final Duration TODAY_WINDOW = Duration.ofMinutes(5);
    static final Duration WEEK_WINDOW = Duration.ofHours(1);
    /** The curves change by one 5-minute mean at a time: a minute old is fresh enough. */
    static final Duration CURVES_TTL = Duration.ofMinutes(1);
    /** How old an answer may be shown while its refresh runs; the live numbers poll every 2 s anyway. */
    static final Duration LATEST_MAX_STALE = Duration.ofMinutes(1);

    static final Duration CURVES_MAX_STALE = Duration.ofMinutes(5);

    private static final List<Double> CO2_LINES =
            List.of(ClassroomGuidance.CO2_AIR_PPM, ClassroomGuidance.CO2_AIR_NOW_PPM);

    /** A room as people with a session see it (live), or as anonymous visitors do ({@link PublicTier}). */
    private record Key(String site, String room, boolean anonymous) {}

    private final PlaceDirectory places;
    private final SeriesService series;
    private final Clock clock;
    private final PublicTier publicTier;
    private final ShortCache<Key, Latest> latest;
    private final ShortCache<Key, Curves> curves;

    private record Latest(List<ClassroomView.Now> now, Instant updated) {}

    private record Curves(SeriesAnswer today, SeriesAnswer week) {}

    public Classrooms(
            PlaceDirectory places,
            SeriesService series,
            Clock clock,
            WebConfig config,
            PublicTier publicTier,
            @Named(TaskExecutors.IO) ExecutorService refresher) {
        this.places = places;
        this.series = series;
        this.clock = clock;
        this.publicTier = publicTier;
        this.latest = new ShortCache<>(clock, config.roomCacheTtl(), LATEST_MAX_STALE, 10_000, refresher);
        this.curves = new ShortCache<>(clock, CURVES_TTL, CURVES_MAX_STALE, 10_000, refresher);
    }

    /**
     * The room of a school site, or empty when the registry knows no such school or room. An
     * {@code anonymous} visitor (of a public site) sees what the open data gives anyone: up to
     * {@link PublicTier#publicUntil} and in windows of at least its minimum; a signed-in person sees it live.
     */
    public Optional<ClassroomView> room(String site, String room, boolean anonymous) {
        Optional<PlaceDirectory.Site> s = places.site(site).filter(x -> x.kind().equals("school"));
        if (s.isEmpty() || places.location(site, room).isEmpty()) {
            return Optional.empty();
        }
        PlaceDirectory.Location r = places.location(site, room).orElseThrow();
        Key key = new Key(site, room, anonymous);
        Instant until =
                anonymous ? publicTier.publicUntil(SiteKind.SCHOOL, s.get().zone(), clock.instant()) : null;
        Latest now = latest.get(key, () -> latest(s.get(), r, until));
        Curves c = curves.get(key, () -> curves(s.get(), r, until));
        String base = "/schulen/" + site + "/" + room;
        return Optional.of(new ClassroomView(
                s.get(),
                r,
                now.now(),
                AirState.of(now.now().get(0).value()),
                now.updated(),
                Curve.of(c.today(), null, CO2_LINES, base + "/heute.csv"),
                Curve.of(c.week(), null, CO2_LINES, base + "/woche.csv"),
                c.today(),
                c.week(),
                until,
                anonymous ? publicTier.minWindow(SiteKind.SCHOOL) : null));
    }

    /** The latest values: live, or with {@code until} the last public windows' means before it. */
    private Latest latest(PlaceDirectory.Site site, PlaceDirectory.Location room, @Nullable Instant until) {
        Instant to = until == null ? clock.instant() : until;
        Duration window = coarsened(Duration.ofMinutes(1), until);
        Aggregate aggregate = until == null ? Aggregate.LAST : Aggregate.MEAN;
        List<ClassroomView.Now> values = new ArrayList<>();
        Instant updated = null;
        for (Quantity q : NOW) {
            ClassroomView.Now last =
                    last(series.run(query(site, room, q, to.minus(Duration.ofDays(1)), to, window, aggregate)), q);
            values.add(last);
            if (last.time() != null && (updated == null || last.time().isAfter(updated))) {
                updated = last.time();
            }
        }
        return new Latest(values, updated);
    }

    /** The day (today, or the last public day) and the week up to it. */
    private Curves curves(PlaceDirectory.Site site, PlaceDirectory.Location room, @Nullable Instant until) {
        Instant to = until == null ? clock.instant() : until;
        ZoneId zone = site.zone();
        LocalDate day = LocalDate.ofInstant(to.minusMillis(1), zone);
        Instant dayStart = day.atStartOfDay(zone).toInstant();
        Instant weekStart = day.minusDays(6).atStartOfDay(zone).toInstant();
        SeriesAnswer today = series.run(
                query(site, room, Quantity.CO2, dayStart, to, coarsened(TODAY_WINDOW, until), Aggregate.MEAN));
        SeriesAnswer week = series.run(
                query(site, room, Quantity.CO2, weekStart, to, coarsened(WEEK_WINDOW, until), Aggregate.MEAN));
        return new Curves(today, week);
    }

    /** The window, or for anonymous visitors ({@code until} given) at least the public minimum. */
    private Duration coarsened(Duration window, @Nullable Instant until) {
        Duration least = publicTier.minWindow(SiteKind.SCHOOL);
        return until != null && least.compareTo(window) > 0 ? least : window;
    }

    /** The API query behind a part of the page (also its "exact API URL"). */
    static SeriesQuery query(
            PlaceDirectory.Site site,
            PlaceDirectory.Location room,
            Quantity q,
            Instant from,
            Instant to,
            Duration window,
            Aggregate aggregate) {
        return new SeriesQuery(q, Statistic.SAMPLE, site.id(), null, null, null, from, to, window, aggregate, "ok")
                .withLocation(room.id());
    }

    private static ClassroomView.Now last(SeriesAnswer a, Quantity q) {
        long bestTime = Long.MIN_VALUE;
        Double value = null;
        for (SeriesColumns s : a.series()) {
            if (s.size() > 0 && s.time(s.size() - 1) > bestTime) {
                bestTime = s.time(s.size() - 1);
                value = s.value(s.size() - 1);
            }
        }
        return new ClassroomView.Now(
                q.wireName(), value, q.unit(), value == null ? null : Instant.ofEpochMilli(bestTime));
    }
}
