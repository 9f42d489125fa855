package de.dos2030.iot.collector.tiers;

import de.dos2030.iot.collector.rollup.CellStats;
import de.dos2030.iot.collector.rollup.SiteZones;
import de.dos2030.iot.collector.rollup.Tier;
import de.dos2030.iot.collector.storage.StorageLayout;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes a dirty window's cells from the finer data, always from scratch (so a recompute is
 * idempotent and a late reading lands wherever it belongs):
 * <ul>
 *   <li>an hour: its 1-minute cells from the raw readings (ok readings into the statistics, every
 *       other quality into {@code flagged}), and its 1-hour cell from those minutes; the days the
 *       hour belongs to (in its site's zone) are then dirty;
 *   <li>a day (calendar day in the site's zone): its 1-day cell from that day's hour cells, or from
 *       its minute cells when the zone's offset that day is not whole hours (a day from 05:45 to 05:45
 *       UTC is not made of UTC hours).
 * </ul>
 * Reads only; the worker writes the result once it knows it still holds the window. Thread-safe.
 */
@Singleton
public class WindowRecompute {
    private final TierStore store;
    private final SiteZones zones;

    public WindowRecompute(TierStore store, SiteZones zones) {
        this.store = store;
        this.zones = zones;
    }

    /** What a recompute found: lines per tier to write, and the day windows to mark dirty after writing them. */
    public record Result(Map<Tier, List<String>> lines, Set<DirtyWindow> dirtyDays) {
        public int cells() {
            return lines.values().stream().mapToInt(List::size).sum();
        }
    }

    public Result compute(DirtyWindow w) {
        return w.tier() == Tier.HOUR ? hour(w) : day(w);
    }

    /** The tier {@code w} is computed from: null for an hour (the raw readings), else its day's finer tier. */
    public Tier sourceOf(DirtyWindow w) {
        return w.tier() == Tier.HOUR ? null : dayComposedFrom(w.start(), zones.zoneOf(w.site()));
    }

    /** The finer tier a day of {@code zone} starting at {@code start} is composed from. */
    static Tier dayComposedFrom(Instant start, ZoneId zone) {
        Instant end = Tier.DAY.nextCell(start, zone);
        return Tier.HOUR.isCellStart(start, ZoneOffset.UTC) && Tier.HOUR.isCellStart(end, ZoneOffset.UTC)
                ? Tier.HOUR
                : Tier.MINUTE;
    }

    private Result hour(DirtyWindow w) {
        Instant end = w.start().plus(java.time.Duration.ofHours(1));
        Map<SeriesKey, TreeMap<Long, CellStats>> minutes = new HashMap<>();
        store.raw(w, w.start(), end, (sensor, site, ok, timeMs, value) -> {
            long minute = Math.floorDiv(timeMs, 60_000L) * 60_000L;
            TreeMap<Long, CellStats> cells = minutes.computeIfAbsent(new SeriesKey(sensor, site), k -> new TreeMap<>());
            CellStats before = cells.getOrDefault(minute, CellStats.EMPTY);
            cells.put(minute, ok ? before.plus(value, timeMs) : before.plusFlagged());
        });
        List<String> minuteLines = new ArrayList<>();
        List<String> hourLines = new ArrayList<>();
        Set<DirtyWindow> days = new HashSet<>();
        Set<String> sites = new HashSet<>();
        minutes.forEach((key, cells) -> {
            CellStats hour = CellStats.EMPTY;
            for (Map.Entry<Long, CellStats> cell : cells.entrySet()) {
                minuteLines.add(line(w, key, cell.getValue(), cell.getKey()));
                hour = hour.merge(cell.getValue());
            }
            hourLines.add(line(w, key, hour, w.start().toEpochMilli()));
            sites.add(key.site);
        });
        if (sites.isEmpty()) {
            sites.add(w.site());
        }
        for (String site : sites) {
            ZoneId zone = zones.zoneOf(site);
            for (Instant t : List.of(w.start(), end.minusMillis(1))) {
                days.add(new DirtyWindow(
                        w.gateway(),
                        w.measurement(),
                        w.field(),
                        Tier.DAY,
                        Tier.DAY.cellStart(t, zone),
                        site,
                        w.siteKind()));
            }
        }
        Map<Tier, List<String>> lines = new EnumMap<>(Tier.class);
        lines.put(Tier.MINUTE, minuteLines);
        lines.put(Tier.HOUR, hourLines);
        return new Result(lines, days);
    }

    private Result day(DirtyWindow w) {
        ZoneId zone = zones.zoneOf(w.site());
        Instant end = Tier.DAY.nextCell(w.start(), zone);
        Tier source = dayComposedFrom(w.start(), zone);
        Map<SeriesKey, CellStats> days = new HashMap<>();
        store.cells(
                w,
                source,
                w.start(),
                end,
                (sensor, site, startMs, stats) -> days.merge(new SeriesKey(sensor, site), stats, CellStats::merge));
        List<String> dayLines = new ArrayList<>();
        days.forEach((key, stats) -> dayLines.add(line(w, key, stats, w.start().toEpochMilli())));
        return new Result(Map.of(Tier.DAY, dayLines), Set.of());
    }

    private static String line(DirtyWindow w, SeriesKey key, CellStats stats, long startMs) {
        return StorageLayout.cell(
                w.measurement(), w.gateway(), key.sensor, key.site, w.siteKind().wireName(), w.field(), stats, startMs);
    }

    private record SeriesKey(String sensor, String site) {}
}
