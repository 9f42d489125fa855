package de.dos2030.iot.collector.sta;

import de.dos2030.iot.collector.activity.LastValues;
import de.dos2030.iot.collector.query.Aggregate;
import de.dos2030.iot.collector.query.SeriesAnswer;
import de.dos2030.iot.collector.query.SeriesColumns;
import de.dos2030.iot.collector.query.SeriesPage;
import de.dos2030.iot.collector.query.SeriesQuery;
import de.dos2030.iot.collector.query.SeriesService;
import de.dos2030.iot.collector.sta.filter.Evaluator;
import de.dos2030.iot.collector.sta.filter.Expr;
import de.dos2030.iot.collector.sta.filter.FilterException;
import de.dos2030.iot.collector.sta.filter.FilterParser;
import de.dos2030.iot.model.WireNames;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads Observations of Datastreams from InfluxDB through the query layer: raw readings page by
 * page ({@link SeriesPage}) for callers with a token, windows from the rollup tiers or raw
 * ({@link SeriesService}) when a window is asked for ({@code window=} extension) and always for
 * anonymous callers (at least {@code PublicTier.minWindow}, ending before {@code publicUntil}). The
 * latest raw observation of a Datastream comes from {@link LastValues} when it knows it. Thread-safe.
 */
@Singleton
public class Observations {
    private static final int SCAN_PAGE = SeriesPage.MAX_LIMIT;

    private final SeriesPage pages;
    private final SeriesService series;
    private final LastValues lastValues;
    private final StaConfig config;

    public Observations(SeriesPage pages, SeriesService series, LastValues lastValues, StaConfig config) {
        this.pages = pages;
        this.series = series;
        this.lastValues = lastValues;
        this.config = config;
    }

    /** What is asked of Observations besides the query options: the {@code window}/{@code aggregate} extension. */
    record Tier(Duration window, Aggregate aggregate) {
        static final Tier RAW = new Tier(null, null);
    }

    /** A page: the entities, whether more follow, and the total when asked for. */
    record Page(List<Entity> items, boolean more, Long count) {}

    /**
     * The Observations of these Datastreams that pass {@code o}'s filter, in its order, one page.
     *
     * @throws FilterException when the filter or order cannot be answered within the limits
     */
    Page of(List<Entity> datastreams, QueryOptions o, int top, Tier tier, Access access, Evaluator evaluator) {
        TimeBounds bounds = TimeBounds.of(o.filter());
        Boolean newestFirst = timeOrder(o.orderBy());
        boolean javaOrder = newestFirst == null;
        boolean desc = Boolean.TRUE.equals(newestFirst);
        long want = (long) o.skip() + top + 1;
        List<Entity> all = new ArrayList<>();
        long count = 0;
        for (Entity ds : datastreams) {
            Refs.Stream s = (Refs.Stream) ds.source();
            Duration window = window(s, tier, access);
            Instant from = bounds.from();
            Instant to = bounds.to();
            if (access.anonymous()) {
                Instant until = access.tier()
                        .publicUntil(s.place().kind(), s.place().site().zone(), access.now());
                to = to == null || to.isAfter(until) ? until : to;
            }
            if (window != null) {
                Instant end = to == null ? access.now() : to;
                Instant start = from == null ? end.minus(config.anonymousRange()) : from;
                List<Entity> got = windows(ds, s, start, end, window, aggregate(tier), bounds.residual(), evaluator);
                count += got.size();
                all.addAll(got);
                continue;
            }
            Instant start = from == null ? Instant.EPOCH : from;
            Instant end = to == null ? access.now().plus(Duration.ofDays(1)) : to;
            if (!start.isBefore(end)) {
                continue;
            }
            SeriesPage.Range range = new SeriesPage.Range(
                    s.place().kind(),
                    s.place().site().id(),
                    s.gateway(),
                    s.sensor(),
                    s.quantity(),
                    s.statistic(),
                    start,
                    end);
            if (bounds.residual() == null && !javaOrder) {
                if (datastreams.size() == 1) {
                    return singlePage(ds, s, range, desc, o, top, from == null && to == null);
                }
                if (want > SeriesPage.MAX_LIMIT) {
                    throw new FilterException("$skip " + o.skip() + " is too large across several Datastreams:"
                            + " narrow phenomenonTime instead");
                }
                all.addAll(entities(ds, s, pages.read(range, desc, (int) want, 0)));
                if (o.count()) {
                    count += pages.count(range);
                }
            } else {
                List<Entity> got = scan(ds, s, range, bounds.residual(), evaluator);
                count += got.size();
                all.addAll(got);
            }
        }
        all.sort(comparator(o.orderBy(), desc, evaluator));
        int end = (int) Math.min(all.size(), (long) o.skip() + top);
        List<Entity> items = o.skip() >= all.size() ? List.of() : List.copyOf(all.subList(o.skip(), end));
        boolean countable = o.count();
        return new Page(items, all.size() > o.skip() + top, countable ? count : null);
    }

    private Page singlePage(
            Entity ds,
            Refs.Stream s,
            SeriesPage.Range range,
            boolean desc,
            QueryOptions o,
            int top,
            boolean unbounded) {
        if (desc && top == 1 && o.skip() == 0 && unbounded && !o.count()) {
            LastValues.Last last = lastValues.of(
                    new LastValues.Key(s.gateway(), s.sensor(), s.quantity().wireName(), WireNames.of(s.statistic())));
            if (last != null) {
                Entity e = EntityBuilder.observation(
                        new Refs.Obs(s, ds.id(), last.time(), last.value(), last.quality(), null, null));
                return new Page(List.of(e), true, null);
            }
        }
        if (top + 1 > SeriesPage.MAX_LIMIT) {
            throw new FilterException("$top " + top + " is over " + (SeriesPage.MAX_LIMIT - 1));
        }
        List<Entity> got = entities(ds, s, pages.read(range, desc, top + 1, o.skip()));
        boolean more = got.size() > top;
        Long count = o.count() ? pages.count(range) : null;
        return new Page(more ? List.copyOf(got.subList(0, top)) : got, more, count);
    }

    /** Every raw reading of the range that passes {@code residual}, up to {@code collector.sta.max-scanned}. */
    private List<Entity> scan(Entity ds, Refs.Stream s, SeriesPage.Range range, Expr residual, Evaluator evaluator) {
        List<Entity> out = new ArrayList<>();
        long scanned = 0;
        while (true) {
            SeriesColumns c = pages.read(range, false, SCAN_PAGE, scanned);
            for (Entity e : entities(ds, s, c)) {
                if (residual == null || evaluator.test(residual, e)) {
                    out.add(e);
                }
            }
            scanned += c.size();
            if (c.size() < SCAN_PAGE) {
                return out;
            }
            if (scanned >= config.maxScanned()) {
                throw new FilterException("this $filter or $orderby would read more than " + config.maxScanned()
                        + " readings of one Datastream: add phenomenonTime bounds"
                        + " (e.g. phenomenonTime ge 2026-03-01T00:00:00Z)");
            }
        }
    }

    private List<Entity> windows(
            Entity ds,
            Refs.Stream s,
            Instant from,
            Instant to,
            Duration window,
            Aggregate aggregate,
            Expr residual,
            Evaluator evaluator) {
        if (!from.isBefore(to)) {
            return List.of();
        }
        SeriesQuery q = new SeriesQuery(
                s.quantity(),
                s.statistic(),
                s.place().site().id(),
                null,
                s.gateway(),
                s.sensor(),
                from,
                to,
                window,
                aggregate,
                "ok");
        SeriesAnswer answer = series.run(q);
        List<Entity> out = new ArrayList<>();
        for (SeriesColumns c : answer.series()) {
            if (!c.gateway().equals(s.gateway()) || !c.sensor().equals(s.sensor())) {
                continue;
            }
            for (int i = 0; i < c.size(); i++) {
                Instant start = Instant.ofEpochMilli(c.time(i));
                if (start.plus(window).isAfter(to)) {
                    continue; // a window that is not over (or not yet public)
                }
                Entity e = EntityBuilder.observation(
                        new Refs.Obs(s, ds.id(), start, c.value(i), "ok", window, aggregate.wireName()));
                if (residual == null || evaluator.test(residual, e)) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** One Observation by id: a raw reading at its instant, or (windows) the window starting there. */
    Entity byId(Entity ds, long id, Tier tier, Access access) {
        Refs.Stream s = (Refs.Stream) ds.source();
        Instant t = Instant.ofEpochMilli(Ids.millisOf(id));
        Duration window = window(s, tier, access);
        if (window != null) {
            Instant until = access.anonymous()
                    ? access.tier()
                            .publicUntil(s.place().kind(), s.place().site().zone(), access.now())
                    : access.now();
            List<Entity> got = windows(ds, s, t, t.plus(window), window, aggregate(tier), null, null);
            return got.isEmpty() || t.plus(window).isAfter(until) ? null : got.get(0);
        }
        SeriesPage.Range range = new SeriesPage.Range(
                s.place().kind(),
                s.place().site().id(),
                s.gateway(),
                s.sensor(),
                s.quantity(),
                s.statistic(),
                t,
                t.plusMillis(1));
        List<Entity> got = entities(ds, s, pages.read(range, false, 1, 0));
        return got.isEmpty() ? null : got.get(0);
    }

    private Duration window(Refs.Stream s, Tier tier, Access access) {
        if (!access.anonymous()) {
            return tier.window();
        }
        Duration min = access.tier().minWindow(s.place().kind());
        return tier.window() == null || tier.window().compareTo(min) < 0 ? min : tier.window();
    }

    private static Aggregate aggregate(Tier tier) {
        return tier.aggregate() == null ? Aggregate.MEAN : tier.aggregate();
    }

    private static List<Entity> entities(Entity ds, Refs.Stream s, SeriesColumns c) {
        List<Entity> out = new ArrayList<>(c.size());
        for (int i = 0; i < c.size(); i++) {
            String q = c.quality(i);
            out.add(EntityBuilder.observation(new Refs.Obs(
                    s, ds.id(), Instant.ofEpochMilli(c.time(i)), c.value(i), q == null ? "ok" : q, null, null)));
        }
        return out;
    }

    /** TRUE: newest first, FALSE: oldest first (also the default), null: an order InfluxDB cannot give. */
    private static Boolean timeOrder(List<FilterParser.OrderTerm> order) {
        if (order.isEmpty()) {
            return Boolean.FALSE;
        }
        if (order.size() == 1
                && order.get(0).expr() instanceof Expr.Path p
                && p.segments().size() == 1) {
            String name = p.segments().get(0);
            if (name.equals("phenomenonTime") || name.equals("resultTime")) {
                return order.get(0).descending();
            }
        }
        return null;
    }

    private static Comparator<Entity> comparator(List<FilterParser.OrderTerm> order, boolean desc, Evaluator ev) {
        Comparator<Entity> byTime = Comparator.comparing(e -> ((Refs.Obs) e.source()).time());
        Comparator<Entity> base = desc ? byTime.reversed() : byTime;
        if (order.isEmpty() || timeOrder(order) != null) {
            return base.thenComparingLong(Entity::id);
        }
        return EntityOrder.of(order, ev).thenComparing(byTime).thenComparingLong(Entity::id);
    }
}
