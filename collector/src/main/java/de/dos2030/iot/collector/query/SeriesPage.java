package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.rollup.TierLayout;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.Statistic;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import org.influxdb.dto.QueryResult;

/**
 * Pages through the raw readings of one series (a gateway's sensor, one quantity and statistic) in
 * time order, oldest or newest first, with {@code LIMIT}/{@code OFFSET}: what SensorThings'
 * {@code $top}/{@code $skip} over a Datastream's Observations need without reading the whole range.
 * Every value reaches InfluxQL typed: ids through {@link InfluxQl} (validated and quoted), times and
 * counts as numbers. Thread-safe.
 */
@Singleton
public class SeriesPage {
    /** The most points one page may hold. */
    public static final int MAX_LIMIT = 10_000;

    private final InfluxReader influx;

    public SeriesPage(InfluxReader influx) {
        this.influx = influx;
    }

    /** One series' place in storage and the half-open time range [from, to) to read. */
    public record Range(
            SiteKind kind,
            String site,
            String gateway,
            String sensor,
            Quantity quantity,
            Statistic statistic,
            Instant from,
            Instant to) {}

    /**
     * Up to {@code limit} points after skipping {@code offset}, each with its reading's quality.
     *
     * @throws IllegalArgumentException when limit or offset is out of range (a caller's bug)
     * @throws InfluxReader.QueryFailedException when InfluxDB cannot answer
     */
    public SeriesColumns read(Range r, boolean newestFirst, int limit, long offset) {
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            throw new IllegalArgumentException("limit " + limit + " / offset " + offset + " out of range");
        }
        String ql = "SELECT "
                + InfluxQl.identifier(
                        de.dos2030.iot.collector.storage.StorageLayout.fieldOf(r.quantity(), r.statistic()))
                + " AS \"value\", \"quality\"::tag FROM " + from(r) + where(r)
                + " GROUP BY \"site\", \"gateway\", \"sensor\""
                + (newestFirst ? " ORDER BY time DESC" : "")
                + " LIMIT " + limit + (offset > 0 ? " OFFSET " + offset : "");
        List<SeriesColumns> answer = influx.columns(ql, limit);
        return answer.isEmpty() ? new SeriesColumns(r.site(), r.gateway(), r.sensor(), null) : answer.get(0);
    }

    /** How many readings the range holds. */
    public long count(Range r) {
        String ql = "SELECT COUNT("
                + InfluxQl.identifier(
                        de.dos2030.iot.collector.storage.StorageLayout.fieldOf(r.quantity(), r.statistic()))
                + ") FROM " + from(r) + where(r);
        List<QueryResult.Series> s = influx.series(ql);
        if (s.isEmpty() || s.get(0).getValues() == null || s.get(0).getValues().isEmpty()) {
            return 0;
        }
        Object n = s.get(0).getValues().get(0).get(1);
        return n instanceof Number v ? v.longValue() : 0;
    }

    private static String from(Range r) {
        return InfluxQl.identifier(TierLayout.rawPolicy(r.kind())) + "."
                + InfluxQl.identifier(r.quantity().measurement());
    }

    private static String where(Range r) {
        return " WHERE time >= " + r.from().toEpochMilli() + "ms AND time < " + r.to().toEpochMilli() + "ms AND "
                + InfluxQl.tagEquals("site", "site", r.site()) + " AND "
                + InfluxQl.tagEquals("gateway", "gateway", r.gateway()) + " AND "
                + InfluxQl.tagEquals("sensor", "sensor", r.sensor());
    }
}
