package de.dos2030.iot.config.load;

import de.dos2030.iot.config.definition.ReadContext;
import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.config.model.SourceConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Checks what a replay needs from the disk: the data file exists and is readable, and every
 * mapped column (and the timestamp column) is in its header. Reads only the first line.
 */
final class ReplayFileCheck {

    private static final CSVFormat HEADER_FORMAT =
            CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).get();

    private final ReadContext ctx;

    ReplayFileCheck(ReadContext ctx) {
        this.ctx = ctx;
    }

    void check(List<SensorConfig> sensors) {
        for (int i = 0; i < sensors.size(); i++) {
            if (sensors.get(i) != null && sensors.get(i).source() instanceof SourceConfig.Replay replay) {
                check("sensors[" + i + "].source", replay);
            }
        }
    }

    private void check(String path, SourceConfig.Replay replay) {
        Path file = replay.file();
        if (!Files.isRegularFile(file)) {
            ctx.report(
                    path + ".file",
                    ctx.locationOf(path + ".file"),
                    "replay file " + ctx.baseDirectory().relativize(file) + " does not exist",
                    "an existing CSV or CSV.gz file; relative paths start at this file's directory");
            return;
        }
        List<String> header;
        try {
            header = header(file);
        } catch (IOException e) {
            ctx.report(
                    path + ".file",
                    ctx.locationOf(path + ".file"),
                    "cannot read replay file " + file + ": " + e.getMessage());
            return;
        }
        String allowed = String.join(", ", header);
        replay.columns().forEach((q, column) -> {
            if (!header.contains(column)) {
                String p = path + ".columns." + q.wireName();
                ctx.report(
                        p,
                        ctx.locationOf(p),
                        "column '" + column + "' is not in the header of " + file.getFileName(),
                        allowed);
            }
        });
        replay.timestampColumn()
                .filter(c -> !header.contains(c))
                .ifPresent(c -> ctx.report(
                        path + ".timestamp-column",
                        ctx.locationOf(path + ".timestamp-column"),
                        "column '" + c + "' is not in the header of " + file.getFileName(),
                        allowed));
    }

    /** Header names of a CSV file, unquoted and trimmed; empty names (a trailing comma) left out. */
    static List<String> header(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                CSVParser csv = CSVParser.parse(r, HEADER_FORMAT)) {
            Iterator<CSVRecord> records = csv.iterator();
            if (!records.hasNext()) {
                return List.of();
            }
            return records.next().stream().filter(name -> !name.isEmpty()).toList();
        } catch (UncheckedIOException e) {
            // Commons CSV reports malformed input (an unclosed quote) from its iterator
            throw e.getCause();
        }
    }
}
