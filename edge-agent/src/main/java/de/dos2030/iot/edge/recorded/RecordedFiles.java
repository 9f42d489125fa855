package de.dos2030.iot.edge.recorded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the recorded data sets in {@code ../shared/data} into {@link RecordedTable}s, handling
 * each file's quirks (see {@code data/README.md}):
 * <ul>
 *   <li>UCI occupancy: the header names 7 columns, the rows carry 8 fields: a quoted row id comes
 *       first. Times are local (Mons, Belgium).</li>
 *   <li>Munich bridge 100 Hz ({@code .csv.gz}): timestamps read 2022-11-04 although the test ran on
 *       2022-04-11: day and month are swapped in the source and are swapped back here.</li>
 *   <li>Munich air temperature: dates {@code dd.MM.yyyy HH:mm:ss.SSS}, a trailing comma in the
 *       header, CRLF line ends, a UTF-8 degree sign in a column name.</li>
 * </ul>
 * Loaded tables are cached by path: several sensors replaying columns of one file share it.
 */
public final class RecordedFiles {

    /** Where the recordings were made. */
    public static final ZoneId MONS = ZoneId.of("Europe/Brussels");

    public static final ZoneId MUNICH = ZoneId.of("Europe/Berlin");

    private static final DateTimeFormatter ISO_SPACE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");
    private static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss[.SSS]");

    private static final Map<Path, RecordedTable> CACHE = new ConcurrentHashMap<>();

    private RecordedFiles() {}

    /**
     * Loads (or returns the cached) table for a file.
     *
     * @throws NoSuchFileException with a message naming the data folder if it is missing
     * @throws IOException         on unreadable or malformed content, naming file and line
     */
    public static RecordedTable load(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        RecordedTable cached = CACHE.get(key);
        if (cached != null) return cached;
        if (!Files.isRegularFile(key)) {
            throw new NoSuchFileException(
                    key.toString(),
                    null,
                    "recorded data file is missing: the replay data live in "
                            + "../shared/data beside the repository (see shared/data/README.md)");
        }
        RecordedTable table = read(key);
        CACHE.put(key, table);
        return table;
    }

    static RecordedTable read(Path file) throws IOException {
        String name = file.getFileName().toString();
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
                CSVParser csv = CSVParser.parse(r, CSVFormat.DEFAULT)) {
            Iterator<CSVRecord> records = csv.iterator();
            if (!records.hasNext()) throw new IOException(name + ": empty file");
            List<String> header = new ArrayList<>(records.next().toList());
            while (!header.isEmpty() && header.get(header.size() - 1).isEmpty())
                header.remove(header.size() - 1); // trailing comma
            boolean munich100Hz = header.stream().anyMatch(h -> h.startsWith("ACC01_z"));
            ZoneId zone = header.contains("Occupancy") ? MONS : MUNICH;
            List<String> valueColumns = header.subList(1, header.size());
            List<Long> times = new ArrayList<>();
            List<double[]> rows = new ArrayList<>();
            while (records.hasNext()) {
                CSVRecord fields = records.next();
                long lineNo = csv.getCurrentLineNumber();
                if (fields.size() == 1 && fields.get(0).isBlank()) continue;
                int offset = fields.size() == header.size() + 1 ? 1 : 0; // UCI: a row id before the date
                if (fields.size() - offset < header.size()) {
                    throw new IOException(
                            name + " line " + lineNo + ": " + fields.size() + " fields, header has " + header.size());
                }
                times.add(parseTime(fields.get(offset), munich100Hz, zone, name, lineNo));
                double[] v = new double[valueColumns.size()];
                for (int c = 0; c < v.length; c++) v[c] = parseNumber(fields.get(offset + 1 + c));
                rows.add(v);
            }
            long[] t = new long[times.size()];
            double[][] values = new double[valueColumns.size()][times.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = times.get(i);
                if (i > 0 && t[i] < t[i - 1])
                    throw new IOException(name + ": timestamps go backwards at data row " + (i + 1));
                for (int c = 0; c < valueColumns.size(); c++) values[c][i] = rows.get(i)[c];
            }
            // The value columns keep their header names; the time column is the table's time axis.
            List<String> names = new ArrayList<>(valueColumns);
            return new RecordedTable(name, names, t, values);
        } catch (UncheckedIOException e) {
            // Commons CSV reports malformed input (an unclosed quote) from its iterator
            throw new IOException(name + ": " + e.getMessage(), e);
        }
    }

    /** Parses a row time; the Munich 100 Hz file gets its day and month swapped back. */
    static long parseTime(String text, boolean swappedDayMonth, ZoneId zone, String file, long line)
            throws IOException {
        try {
            LocalDateTime t = text.contains(".") && text.indexOf('.') < 3
                    ? LocalDateTime.parse(text, DOTTED)
                    : LocalDateTime.parse(text, ISO_SPACE);
            if (swappedDayMonth) t = t.withMonth(t.getDayOfMonth()).withDayOfMonth(t.getMonthValue());
            return t.atZone(zone).toInstant().toEpochMilli();
        } catch (java.time.DateTimeException e) {
            throw new IOException(file + " line " + line + ": cannot read time '" + text + "'", e);
        }
    }

    private static double parseNumber(String s) {
        if (s.isEmpty() || s.equalsIgnoreCase("nan") || s.equalsIgnoreCase("na")) return Double.NaN;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
