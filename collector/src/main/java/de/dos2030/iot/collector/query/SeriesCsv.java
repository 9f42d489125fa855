package de.dos2030.iot.collector.query;

import java.math.BigDecimal;

/**
 * CSV of a series answer (RFC 4180, {@code \r\n} line ends, UTF-8), one row per point, rows
 * ordered by site, gateway, sensor and time. The column names are stable; the unit is part of
 * the value column's name:
 * <pre>
 * time,site,gateway,sensor,quantity,statistic,aggregate,window,value [ppm]
 * 2025-03-03T08:00:00Z,school-1,gw-1,room-1.co2,co2,sample,mean,PT1M,612.5
 * </pre>
 * Numbers are written in plain decimal notation (never {@code 1.0E-4}); counts as integers.
 */
public final class SeriesCsv {
    public static final String MEDIA_TYPE = "text/csv";

    private SeriesCsv() {}

    public static String header(SeriesAnswer r) {
        return "time,site,gateway,sensor,quantity,statistic,aggregate,window,value [" + r.unit() + "]\r\n";
    }

    public static String write(SeriesAnswer r) {
        StringBuilder out = new StringBuilder(64 + (int) Math.min(r.points(), 1_000_000) * 80);
        out.append(header(r));
        String window = r.window() == null ? "" : r.window();
        boolean integral = r.aggregate().equals("count");
        IsoSeconds.Buffer time = new IsoSeconds.Buffer();
        for (SeriesColumns s : r.series()) {
            String prefix = field(s.site())
                    + ','
                    + field(s.gateway())
                    + ','
                    + field(s.sensor())
                    + ','
                    + field(r.quantity())
                    + ','
                    + field(r.statistic())
                    + ','
                    + field(r.aggregate())
                    + ','
                    + field(window)
                    + ',';
            for (int i = 0; i < s.size(); i++) {
                out.append(time.chars(), 0, time.write(s.time(i)))
                        .append(',')
                        .append(prefix)
                        .append(number(s.value(i), integral))
                        .append("\r\n");
            }
        }
        return out.toString();
    }

    static String number(double v, boolean integral) {
        if (integral && v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** Quotes a field when it holds a comma, quote or line break (ids never do; kept for safety). */
    static String field(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
