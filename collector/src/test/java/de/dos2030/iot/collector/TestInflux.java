package de.dos2030.iot.collector;

import java.util.List;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/** Reads back what the collector stored, through the same v1 API. */
public final class TestInflux implements AutoCloseable {
    public static final String DEV_URL = "http://127.0.0.1:18086";

    private final InfluxDB influx;
    private final String database;

    public TestInflux(String url, String database) {
        this.influx = InfluxDBFactory.connect(url);
        this.database = database;
    }

    /** {@code SELECT count(<field>) FROM ...}: the count, 0 when there are no points. */
    public long count(String query) {
        List<List<Object>> rows = rows(query);
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get(1)).longValue();
    }

    public List<List<Object>> rows(String query) {
        QueryResult result = influx.query(new Query(query, database));
        if (result.hasError() || result.getResults().get(0).hasError()) {
            throw new IllegalStateException(query + ": " + result);
        }
        QueryResult.Result r = result.getResults().get(0);
        return r.getSeries() == null ? List.of() : r.getSeries().get(0).getValues();
    }

    public void dropDatabase() {
        influx.query(new Query("DROP DATABASE \"" + database + "\""));
    }

    @Override
    public void close() {
        influx.close();
    }
}
