package de.dos2030.iot.collector.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;

/**
 * Before anything is timed: the API's year of daily mean, min and max (from the day tier) must equal
 * InfluxDB's aggregation of the raw readings (min and max exactly, mean within 1e-9 relative), day by
 * day; otherwise the benchmark would compare a fast wrong answer with a slow right one.
 */
final class YearCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private YearCheck() {}

    static void assertSame(
            KeepAliveHttp api, KeepAliveHttp influx, String bearer, String db, Instant from, Instant to, int days)
            throws Exception {
        for (String aggregate : QueryBench.YEAR_AGGREGATES) {
            JsonNode mine = JSON.readTree(api.get(
                                    "/api/v1/series?quantity=co2&sensor=bench.co2&from=" + from + "&to=" + to
                                            + "&window=1d&aggregate=" + aggregate,
                                    bearer)
                            .body())
                    .at("/series/0/points");
            JsonNode raw = JSON.readTree(influx.get(QueryBench.influxQl(db, QueryBench.yearQl(aggregate, from, to)))
                            .body())
                    .at("/results/0/series/0/values");
            if (mine.size() != days || raw.size() != days) {
                java.util.Set<Instant> a = new java.util.TreeSet<>();
                java.util.Set<Instant> b = new java.util.TreeSet<>();
                mine.forEach(p -> a.add(Instant.parse(p.get("time").asText())));
                raw.forEach(r -> b.add(Instant.ofEpochMilli(r.get(0).asLong())));
                java.util.Set<Instant> onlyApi = new java.util.TreeSet<>(a);
                onlyApi.removeAll(b);
                b.removeAll(a);
                throw new IllegalStateException(aggregate + ": the API has " + mine.size() + " days, the raw query "
                        + raw.size() + ", expected " + days + "; only in the API: " + onlyApi + ", only raw: " + b);
            }
            for (int i = 0; i < days; i++) {
                Instant t = Instant.parse(mine.get(i).get("time").asText());
                double a = mine.get(i).get("value").asDouble();
                double b = raw.get(i).get(1).asDouble();
                boolean same = aggregate.equals("mean")
                        ? Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b))
                        : a == b;
                if (t.toEpochMilli() != raw.get(i).get(0).asLong() || !same) {
                    throw new IllegalStateException(aggregate + " of day " + i + ": API " + t + " " + a + ", raw "
                            + Instant.ofEpochMilli(raw.get(i).get(0).asLong()) + " " + b);
                }
            }
        }
        System.out.printf("answers checked: the API's %d days of mean, min and max equal the raw aggregation%n", days);
    }
}
