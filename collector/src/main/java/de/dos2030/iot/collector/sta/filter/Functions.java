package de.dos2030.iot.collector.sta.filter;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** The string, date, math and geospatial functions of SensorThings' {@code $filter}, over evaluated arguments. */
final class Functions {
    private Functions() {}

    static Object call(String name, List<Object> a, Supplier<Instant> now) {
        switch (name) {
            case "now":
                return arity(name, a, 0) ? now.get() : null;
            case "mindatetime":
                return arity(name, a, 0) ? Instant.parse("0001-01-01T00:00:00Z") : null;
            case "maxdatetime":
                return arity(name, a, 0) ? Instant.parse("9999-12-31T23:59:59Z") : null;
            default:
                break;
        }
        if (a.stream().anyMatch(x -> x == null)) {
            return null; // OData: a function of null is null
        }
        return switch (name) {
            case "substringof" -> arity(name, a, 2) && str(a.get(1), name).contains(str(a.get(0), name));
            case "endswith" -> arity(name, a, 2) && str(a.get(0), name).endsWith(str(a.get(1), name));
            case "startswith" -> arity(name, a, 2) && str(a.get(0), name).startsWith(str(a.get(1), name));
            case "length" ->
                arity(name, a, 1) ? (Object) (long) str(a.get(0), name).length() : null;
            case "indexof" ->
                arity(name, a, 2) ? (Object) (long) str(a.get(0), name).indexOf(str(a.get(1), name)) : null;
            case "substring" -> substring(a, name);
            case "tolower" -> arity(name, a, 1) ? str(a.get(0), name).toLowerCase(Locale.ROOT) : null;
            case "toupper" -> arity(name, a, 1) ? str(a.get(0), name).toUpperCase(Locale.ROOT) : null;
            case "trim" -> arity(name, a, 1) ? str(a.get(0), name).trim() : null;
            case "concat" -> arity(name, a, 2) ? str(a.get(0), name) + str(a.get(1), name) : null;
            case "year",
                    "month",
                    "day",
                    "hour",
                    "minute",
                    "second",
                    "fractionalseconds",
                    "date",
                    "time",
                    "totaloffsetminutes" -> datePart(name, a);
            case "round", "floor", "ceiling" -> math(name, a);
            default -> Geo.call(name, a);
        };
    }

    private static Object substring(List<Object> a, String name) {
        if (a.size() != 2 && a.size() != 3) {
            throw new FilterException(name + "() takes 2 or 3 arguments, not " + a.size());
        }
        String s = str(a.get(0), name);
        int from = (int) Math.max(0, Math.min(s.length(), num(a.get(1), name)));
        if (a.size() == 2) {
            return s.substring(from);
        }
        int len = (int) Math.max(0, num(a.get(2), name));
        return s.substring(from, (int) Math.min(s.length(), (long) from + len));
    }

    private static Object datePart(String name, List<Object> a) {
        arity(name, a, 1);
        Object v = a.get(0);
        Instant t = v instanceof Instant i ? i : v instanceof String s ? Evaluator.instant(s) : null;
        if (t == null) {
            throw new FilterException(name + "() needs a date-time, not " + Evaluator.kind(v));
        }
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        return switch (name) {
            case "year" -> (long) z.getYear();
            case "month" -> (long) z.getMonthValue();
            case "day" -> (long) z.getDayOfMonth();
            case "hour" -> (long) z.getHour();
            case "minute" -> (long) z.getMinute();
            case "second" -> (long) z.getSecond();
            case "fractionalseconds" -> z.getNano() / 1e9;
            case "date" -> z.toLocalDate().toString();
            case "time" -> z.toLocalTime().toString();
            default -> 0L; // every time this server writes is UTC
        };
    }

    private static Object math(String name, List<Object> a) {
        arity(name, a, 1);
        Object v = a.get(0);
        if (v instanceof Long) {
            return v;
        }
        double d = num(v, name);
        return switch (name) {
            case "round" -> (double) Math.round(d);
            case "floor" -> Math.floor(d);
            default -> Math.ceil(d);
        };
    }

    static boolean arity(String name, List<Object> a, int n) {
        if (a.size() != n) {
            throw new FilterException(name + "() takes " + n + " argument" + (n == 1 ? "" : "s") + ", not " + a.size());
        }
        return true;
    }

    private static String str(Object v, String name) {
        if (v instanceof String s) {
            return s;
        }
        throw new FilterException(name + "() needs a string, not " + Evaluator.kind(v));
    }

    static double num(Object v, String name) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new FilterException(name + "() needs a number, not " + Evaluator.kind(v));
    }
}
