package de.dos2030.iot.collector.storage;

/**
 * Builds one InfluxDB line-protocol line: {@code measurement,tag=v field=1,other="s" <ms>}.
 * Escapes tag values and string fields, so untrusted text (quarantined input) cannot break a line.
 * Tags must be added before fields; null or empty tag values are left out (InfluxDB has no empty tags).
 */
final class LineProtocol {
    private static final double[] POWERS_OF_TEN = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

    private final StringBuilder line = new StringBuilder(128);
    private boolean hasField;

    private LineProtocol(String measurement) {
        escape(measurement, false);
    }

    static LineProtocol measurement(String measurement) {
        return new LineProtocol(measurement);
    }

    LineProtocol tag(String key, String value) {
        if (hasField) {
            throw new IllegalStateException("tag '" + key + "' after fields");
        }
        if (value != null && !value.isEmpty()) {
            line.append(',').append(key).append('=');
            escape(value, true);
        }
        return this;
    }

    LineProtocol field(String key, double value) {
        if (Double.isFinite(value)) {
            appendDouble(startField(key), value);
        }
        return this;
    }

    LineProtocol field(String key, long value) {
        startField(key).append(value).append('i');
        return this;
    }

    LineProtocol field(String key, String value) {
        if (value != null) {
            startField(key).append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"', '\\' -> line.append('\\').append(c);
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    default -> line.append(c);
                }
            }
            line.append('"');
        }
        return this;
    }

    /** Measurement and tags so far, then the separator and {@code key=}: what every point of one series starts with. */
    String fieldPrefix(String key) {
        if (hasField) {
            throw new IllegalStateException("field prefix after fields: " + line);
        }
        return line + " " + key + "=";
    }

    /** The finished line with its timestamp in epoch milliseconds. */
    String at(long epochMillis) {
        if (!hasField) {
            throw new IllegalStateException("a point needs at least one field: " + line);
        }
        return line.append(' ').append(epochMillis).toString();
    }

    /**
     * Appends a finite double so that InfluxDB parses back exactly {@code value}. Sensor values are
     * quantised to a few decimals, so the shortest fixed-point form {@code m / 10^k} (k <= 9) almost
     * always fits, and costs a fraction of Java 17's {@code Double.toString}, which was the largest
     * item in an ingest profile. Exact: when the double quotient {@code m / 10^k} equals the value,
     * the value is the double nearest to that decimal, which is what a correct parser returns.
     */
    static StringBuilder appendDouble(StringBuilder out, double value) {
        if (value == 0) {
            return out.append(Double.doubleToRawLongBits(value) == 0 ? "0" : "-0.0");
        }
        for (int k = 0; k < POWERS_OF_TEN.length; k++) {
            double scaled = value * POWERS_OF_TEN[k];
            if (Math.abs(scaled) >= 0x1p53) {
                break; // m would no longer be exact
            }
            long m = Math.round(scaled);
            if (m / POWERS_OF_TEN[k] == value) {
                return appendFixed(out, m, k);
            }
        }
        return out.append(value);
    }

    private static StringBuilder appendFixed(StringBuilder out, long m, int decimals) {
        if (m < 0) {
            out.append('-');
            m = -m;
        }
        long unit = (long) POWERS_OF_TEN[decimals];
        out.append(m / unit);
        if (decimals > 0) {
            out.append('.');
            long fraction = m % unit;
            for (long digit = unit / 10; digit > 0; digit /= 10) {
                out.append((char) ('0' + fraction / digit));
                fraction %= digit;
            }
        }
        return out;
    }

    private StringBuilder startField(String key) {
        line.append(hasField ? ',' : ' ').append(key).append('=');
        hasField = true;
        return line;
    }

    private void escape(String text, boolean escapeEquals) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case ',', ' ' -> line.append('\\').append(c);
                case '=' -> {
                    if (escapeEquals) {
                        line.append('\\');
                    }
                    line.append(c);
                }
                case '\\' -> line.append("\\\\");
                case '\n', '\r' -> line.append("\\n"); // no escape exists for a newline in a tag: keep the line whole
                default -> line.append(c);
            }
        }
    }
}
