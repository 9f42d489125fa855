package de.dos2030.iot.collector.opendata;

import de.dos2030.iot.collector.places.PlaceDirectory;
import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;

/**
 * One export as decided before a byte is written: the location, the period cut to what the caller may
 * see ({@code from} to {@code to}), the window (null: every sample), the dialect and the columns.
 *
 * @param closed whether the period is over and wholly visible to the caller: then its bytes never change
 *               (unless readings of that period arrive late from a gateway's backlog) and it gets a strong ETag
 * @param base   the address links in the data package start with
 */
public record Export(
        PlaceDirectory.Site site,
        PlaceDirectory.Location location,
        ExportFile file,
        CsvDialect dialect,
        @Nullable Duration window,
        Instant from,
        Instant to,
        ZoneId zone,
        List<ExportColumn> columns,
        boolean closed,
        boolean anonymous,
        String base) {

    /** Changes whenever what an export's bytes depend on changes: bump it with the format. */
    static final String FORMAT_VERSION = "open-export-1";

    /** The window as the request writes it ({@code 10m}), or {@code raw}. */
    public String windowLabel() {
        return label(window);
    }

    /** A window as the request writes it ({@code 10m}, {@code 1h}), or {@code raw} for null. */
    static String label(@Nullable Duration window) {
        if (window == null) {
            return "raw";
        }
        long s = window.toSeconds();
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    /** The name of the CSV inside a zip and in the data package: {@code gs-kley_r204_2025-03_10m.csv}. */
    public String csvName() {
        return site.id() + "_" + location.id() + "_" + file.label() + "_" + windowLabel() + ".csv";
    }

    /** The Thing of the location in the SensorThings API. */
    public String thingUrl() {
        return base + "/sta/v1.1/Things('" + site.id() + ":" + location.id() + "')";
    }

    /**
     * A strong ETag of everything the bytes of this form of the export depend on, or null for a period
     * that is not closed. Computed from the inputs, not the content, so that a repeat download is
     * answered with 304 before InfluxDB is asked.
     */
    @Nullable
    public String etag(ExportFile.Form form, OpenPublication publication) {
        if (!closed) {
            return null;
        }
        StringBuilder in = new StringBuilder(FORMAT_VERSION);
        for (Object part : List.of(
                form,
                site,
                location,
                file.label(),
                dialect,
                windowLabel(),
                from,
                to,
                zone,
                anonymous,
                base,
                publication)) {
            in.append('\n').append(part);
        }
        columns.forEach(c -> in.append('\n').append(c));
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(in.toString().getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
