package de.dos2030.iot.collector.activity;

import de.dos2030.iot.collector.ingest.IngestService;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.WireNames;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latest stored reading of every series (gateway, sensor, quantity, statistic) this instance has
 * stored since it started, in memory and fed at ingest: what SensorThings answers "the latest
 * observation of every Datastream" from without asking InfluxDB. Bounded to {@link #MAX_SERIES} series
 * (beyond, new series are not kept and readers fall back to InfluxDB). Not persisted: after a
 * restart a series is known again with its next batch. Thread-safe.
 */
@Singleton
public class LastValues {
    /** 500 sites' worth of rooms with dozens of series each, at about 200 bytes a series. */
    public static final int MAX_SERIES = 200_000;

    /** A series' latest reading: its quality's wire name. */
    public record Last(Instant time, double value, String quality) {}

    /** What identifies a series. */
    public record Key(String gateway, String sensor, String quantity, String statistic) {}

    private final Map<Key, Last> latest = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    @EventListener
    void onBatch(IngestService.BatchStored stored) {
        String gateway = stored.batch().gatewayId();
        List<Reading> readings = stored.storedReadings();
        for (int i = 0; i < readings.size(); i++) {
            Reading r = readings.get(i);
            if (i + 1 < readings.size() && readings.get(i + 1).sameSeries(r)) {
                continue; // a batch keeps each series together, times ascending: its last one is the latest
            }
            record(
                    new Key(gateway, r.sensorId(), r.quantity().wireName(), WireNames.of(r.statistic())),
                    new Last(r.time(), r.value(), WireNames.of(r.quality())));
        }
    }

    /** Keeps {@code last} unless a later reading of the series is known. */
    public void record(Key key, Last last) {
        if (latest.size() >= MAX_SERIES && !latest.containsKey(key)) {
            return;
        }
        if (latest.putIfAbsent(key, last) == null) {
            generation.incrementAndGet();
            return;
        }
        latest.merge(key, last, (old, neu) -> neu.time().isBefore(old.time()) ? old : neu);
    }

    /** The latest reading of a series, or null when this instance stored none since it started. */
    public Last of(Key key) {
        return latest.get(key);
    }

    /** Every series with its latest reading (a live view: do not modify). */
    public Map<Key, Last> all() {
        return latest;
    }

    /** Grows whenever a new series appears: for caches of which series exist. */
    public long generation() {
        return generation.get();
    }
}
