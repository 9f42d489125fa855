package de.dos2030.iot.collector.ingest;

import java.util.ArrayList;
import java.util.List;

/** Inclusive sequence ranges as text, {@code 0-1523,1525,1527-1600}: how instances share them. */
final class SequenceRanges {
    private SequenceRanges() {}

    static String format(List<long[]> ranges) {
        StringBuilder out = new StringBuilder();
        for (long[] r : ranges) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(r[0]);
            if (r[1] != r[0]) {
                out.append('-').append(r[1]);
            }
        }
        return out.toString();
    }

    /**
     * @throws IllegalArgumentException on anything but ascending, non-negative ranges
     */
    static List<long[]> parse(String text) {
        List<long[]> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        long previousEnd = -1;
        for (String part : text.split(",")) {
            int dash = part.indexOf('-');
            long from;
            long to;
            try {
                from = Long.parseLong(dash < 0 ? part : part.substring(0, dash));
                to = dash < 0 ? from : Long.parseLong(part.substring(dash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a sequence range: '" + part + "'");
            }
            if (from < 0 || to < from || from <= previousEnd) {
                throw new IllegalArgumentException("ranges must be ascending and non-negative: '" + part + "'");
            }
            out.add(new long[] {from, to});
            previousEnd = to;
        }
        return out;
    }
}
