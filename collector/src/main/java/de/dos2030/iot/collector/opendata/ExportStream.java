package de.dos2030.iot.collector.opendata;

import de.dos2030.iot.collector.query.Aggregate;
import de.dos2030.iot.collector.query.SeriesAnswer;
import de.dos2030.iot.collector.query.SeriesColumns;
import de.dos2030.iot.collector.query.SeriesQuery;
import de.dos2030.iot.collector.query.SeriesService;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Statistic;
import io.micronaut.core.annotation.Nullable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The bytes of an export, produced a chunk at a time on demand ({@link #next}): the CSV of a chunk of
 * local days (one day of samples, a week of windows) is read through {@link SeriesService} (which reads
 * windows from the rollup tiers), written, handed out and forgotten, so memory does not grow with the
 * period. As a zip, the data package comes first, then the CSV, deflated as it goes; entries carry the
 * period's first local midnight as their time, so that the same export gives the same bytes. Not thread-safe.
 */
final class ExportStream {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /**
     * Local days per chunk: one of samples (a day at 10 s is 8640 rows a sensor); of windows as many as
     * keep a chunk near a week of minutes (10080 windows a sensor, well inside collector.query.max-points),
     * at most a month. (A year at 10 minutes took 2.4 s in weekly chunks and 2.9 s in monthly ones, on a
     * loaded machine: composing the tiers' cells, not the number of queries, is most of that time.)
     */
    private static final int WINDOWS_PER_CHUNK = 10_080;

    private static final int MAX_CHUNK_DAYS = 31;

    private final Export export;
    private final SeriesService series;
    private final WideCsv csv;

    @Nullable
    private final byte[] dataPackage;

    private final Set<Quantity> quantities = new LinkedHashSet<>();
    private LocalDate day;
    private final int chunkDays;
    private boolean started;
    private boolean finished;

    @Nullable
    private final ZipOutputStream zip;

    @Nullable
    private final ByteArrayOutputStream zipped;

    private boolean entered;

    /** @param dataPackage the data package to put first in a zip; null for a plain CSV */
    ExportStream(Export export, SeriesService series, @Nullable byte[] dataPackage) {
        this.export = export;
        this.series = series;
        this.csv = new WideCsv(export);
        this.dataPackage = dataPackage;
        this.day = export.file().first();
        this.chunkDays = export.window() == null
                ? 1
                : (int) Math.max(
                        1,
                        Math.min(
                                MAX_CHUNK_DAYS,
                                WINDOWS_PER_CHUNK / (86_400 / export.window().toSeconds())));
        export.columns().forEach(c -> quantities.add(c.quantity()));
        if (dataPackage != null) {
            zipped = new ByteArrayOutputStream(64 * 1024);
            zip = new ZipOutputStream(zipped, StandardCharsets.UTF_8);
        } else {
            zipped = null;
            zip = null;
        }
    }

    /** The next bytes of the export, or null at its end. */
    @Nullable
    byte[] next() {
        while (!finished) {
            byte[] out = step();
            if (out.length > 0) {
                return out;
            }
        }
        return null;
    }

    private byte[] step() {
        StringBuilder text = new StringBuilder();
        byte[] prefix = new byte[0];
        if (!started) {
            started = true;
            prefix = export.dialect().bom() ? BOM : prefix;
            text.append(csv.header(export.columns()));
        } else {
            Instant from = day.atStartOfDay(export.zone()).toInstant();
            LocalDate next = day.plusDays(chunkDays);
            if (next.isAfter(export.file().end())) {
                next = export.file().end();
            }
            Instant to = next.atStartOfDay(export.zone()).toInstant();
            if (to.isAfter(export.to())) {
                to = export.to();
            }
            if (from.isBefore(to)) {
                text.append(chunk(from, to));
            }
            day = next;
            finished = !to.isBefore(export.to()) || !day.isBefore(export.file().end());
        }
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] plain = prefix.length == 0 ? body : concat(prefix, body);
        return zip == null ? plain : zipped(plain);
    }

    private String chunk(Instant from, Instant to) {
        Map<String, WideCsv.Part> byColumn = new HashMap<>();
        for (Quantity q : quantities) {
            SeriesQuery query = new SeriesQuery(
                    q,
                    Statistic.SAMPLE,
                    export.site().id(),
                    null,
                    null,
                    null,
                    from,
                    to,
                    export.window(),
                    export.window() == null ? null : Aggregate.MEAN,
                    export.window() == null ? null : "ok", // samples of any quality, each with its own
                    export.location().id(),
                    export.zone());
            SeriesAnswer answer = series.run(query);
            for (SeriesColumns s : answer.series()) {
                byColumn.put(key(q, s.gateway(), s.sensor()), new WideCsv.Part(s, answer));
            }
        }
        List<WideCsv.Part> parts = new ArrayList<>();
        for (ExportColumn c : export.columns()) {
            parts.add(byColumn.getOrDefault(key(c.quantity(), c.gateway(), c.sensor()), new WideCsv.Part(null, null)));
        }
        return csv.rows(parts);
    }

    private static String key(Quantity q, String gateway, String sensor) {
        return q.wireName() + '\u0000' + gateway + '\u0000' + sensor;
    }

    private byte[] zipped(byte[] plain) {
        try {
            if (!entered) {
                entered = true;
                zip.putNextEntry(entry("datapackage.json"));
                zip.write(dataPackage);
                zip.closeEntry();
                zip.putNextEntry(entry(export.csvName()));
            }
            zip.write(plain);
            if (finished) {
                zip.closeEntry();
                zip.finish();
            }
            zip.flush();
            byte[] out = zipped.toByteArray();
            zipped.reset();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("zipping an export in memory failed", e);
        }
    }

    private ZipEntry entry(String name) {
        ZipEntry e = new ZipEntry(name);
        e.setTimeLocal(export.file().first().atStartOfDay()); // DOS time only: no zone, no extra field
        return e;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
