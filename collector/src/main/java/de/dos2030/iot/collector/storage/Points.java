package de.dos2030.iot.collector.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The points of one batch as line protocol, newline-separated in one text. A batch's points
 * travel to InfluxDB together, so one text per batch spares a String per point and the join of
 * thousands of them per request. All points of one {@code Points} go to one retention policy.
 * Filled by one thread, then handed to {@link InfluxWriter}.
 */
public final class Points {
    private final StringBuilder text;
    private final String retentionPolicy;
    private int count;

    /** Points for the events policy ({@code collector.influx.retention-policy}). */
    public Points(int expectedPoints) {
        this(expectedPoints, null);
    }

    /** Points for {@code retentionPolicy} (null: the events policy), e.g. {@code school_raw}. */
    public Points(int expectedPoints, String retentionPolicy) {
        this.text = new StringBuilder(Math.max(16, expectedPoints) * 96);
        this.retentionPolicy = retentionPolicy;
    }

    /** Where these points go; null for the events policy. */
    String retentionPolicy() {
        return retentionPolicy;
    }

    /** Makes room for {@code chars} more characters at once, rather than growing copy by copy. */
    void reserve(int chars) {
        text.ensureCapacity(text.length() + chars);
    }

    /** Adds one finished line. */
    public void add(String line) {
        nextLine().append(line);
    }

    /** Starts the next line and returns the text to append it to. */
    StringBuilder nextLine() {
        if (count++ > 0) {
            text.append('\n');
        }
        return text;
    }

    public int count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /**
     * The request bodies for a group of batches: whole lines, at most {@code maxPoints} a body.
     * Usually one body; a batch larger than a request is cut at line ends.
     */
    static List<String> requestBodies(List<Points> group, int maxPoints) {
        List<String> bodies = new ArrayList<>(1);
        int chars = 0;
        for (Points p : group) {
            chars += p.text.length() + 1;
        }
        StringBuilder body = new StringBuilder(chars);
        int lines = 0;
        for (Points p : group) {
            if (p.count <= maxPoints - lines) {
                lines += p.count;
                separate(body).append(p.text); // a bulk copy; append(text, from, to) goes char by char
                continue;
            }
            String text = p.text.toString();
            int from = 0;
            while (from < text.length()) {
                if (lines == maxPoints) {
                    bodies.add(body.toString());
                    body.setLength(0);
                    lines = 0;
                }
                int to = from;
                while (lines < maxPoints && to < text.length()) {
                    int newline = text.indexOf('\n', to);
                    to = newline < 0 ? text.length() : newline + 1;
                    lines++;
                }
                separate(body).append(text.substring(from, to == text.length() ? to : to - 1));
                from = to;
            }
        }
        if (body.length() > 0) {
            bodies.add(body.toString());
        }
        return bodies;
    }

    private static StringBuilder separate(StringBuilder body) {
        return body.length() > 0 ? body.append('\n') : body;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
