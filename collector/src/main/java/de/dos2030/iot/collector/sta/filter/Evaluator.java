package de.dos2030.iot.collector.sta.filter;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Evaluates a parsed expression against one entity, in Java: values are null, Boolean, Long, Double,
 * String, Instant, Duration or {@link Geometry}; GeoJSON maps become geometries where a function
 * needs one. A comparison with null is false (except {@code eq null}/{@code ne null}), as OData says.
 * Thread-safe if the resolver is.
 */
public final class Evaluator {
    /** Reads a property path of an entity (navigating to related entities as needed); null when absent. */
    public interface Resolver {
        Object resolve(Object entity, Expr.Path path);
    }

    private final Resolver resolver;
    private final Supplier<Instant> now;

    public Evaluator(Resolver resolver, Supplier<Instant> now) {
        this.resolver = resolver;
        this.now = now;
    }

    /** Whether the entity passes the filter. */
    public boolean test(Expr filter, Object entity) {
        return Boolean.TRUE.equals(eval(filter, entity));
    }

    public Object eval(Expr e, Object entity) {
        if (e instanceof Expr.Literal l) {
            return l.value();
        }
        if (e instanceof Expr.Path p) {
            return normalise(resolver.resolve(entity, p));
        }
        if (e instanceof Expr.Not n) {
            Object v = eval(n.operand(), entity);
            return v instanceof Boolean b ? (Object) !b : null;
        }
        if (e instanceof Expr.Negate n) {
            Object v = eval(n.operand(), entity);
            return v instanceof Long l ? (Object) (-l) : v instanceof Double d ? (Object) (-d) : null;
        }
        if (e instanceof Expr.Binary b) {
            return binary(b, entity);
        }
        Expr.Call c = (Expr.Call) e;
        List<Object> args = new java.util.ArrayList<>(c.args().size());
        for (Expr a : c.args()) {
            args.add(eval(a, entity));
        }
        return Functions.call(c.name(), args, now);
    }

    private Object binary(Expr.Binary b, Object entity) {
        if (b.op() == Expr.Op.AND) {
            Object l = eval(b.left(), entity);
            return Boolean.FALSE.equals(l)
                    ? Boolean.FALSE
                    : (Object) (Boolean.TRUE.equals(l) && Boolean.TRUE.equals(eval(b.right(), entity)));
        }
        if (b.op() == Expr.Op.OR) {
            Object l = eval(b.left(), entity);
            return Boolean.TRUE.equals(l) ? Boolean.TRUE : (Object) Boolean.TRUE.equals(eval(b.right(), entity));
        }
        Object l = eval(b.left(), entity);
        Object r = eval(b.right(), entity);
        if (b.op().comparison()) {
            return compare(b.op(), l, r);
        }
        return arithmetic(b.op(), l, r);
    }

    static Object compare(Expr.Op op, Object l, Object r) {
        if (l == null || r == null) {
            boolean same = l == null && r == null;
            return switch (op) {
                case EQ -> same;
                case NE -> !same;
                default -> false;
            };
        }
        Integer c = order(l, r);
        if (c == null) {
            if (op == Expr.Op.EQ || op == Expr.Op.NE) {
                return (op == Expr.Op.EQ) == l.equals(r);
            }
            throw new FilterException("cannot compare " + kind(l) + " with " + kind(r) + " using '"
                    + op.name().toLowerCase(Locale.ROOT) + "'");
        }
        return switch (op) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case GT -> c > 0;
            case GE -> c >= 0;
            case LT -> c < 0;
            default -> c <= 0;
        };
    }

    /** The order of two values of comparable kinds; null when they are not comparable. */
    public static Integer order(Object l, Object r) {
        if (l instanceof Number a && r instanceof Number b) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        if (l instanceof String a && r instanceof String b) {
            return a.compareTo(b);
        }
        if (l instanceof Instant a && r instanceof Instant b) {
            return a.compareTo(b);
        }
        if (l instanceof Instant a && r instanceof String b) {
            Instant parsed = instant(b);
            return parsed == null ? null : a.compareTo(parsed);
        }
        if (l instanceof String a && r instanceof Instant b) {
            Instant parsed = instant(a);
            return parsed == null ? null : parsed.compareTo(b);
        }
        if (l instanceof Boolean a && r instanceof Boolean b) {
            return a.compareTo(b);
        }
        if (l instanceof Duration a && r instanceof Duration b) {
            return a.compareTo(b);
        }
        return null;
    }

    private static Object arithmetic(Expr.Op op, Object l, Object r) {
        if (l == null || r == null) {
            return null;
        }
        if (l instanceof Instant t && r instanceof Duration d) {
            return op == Expr.Op.ADD ? t.plus(d) : op == Expr.Op.SUB ? t.minus(d) : fail(op, l, r);
        }
        if (l instanceof Instant a && r instanceof Instant b && op == Expr.Op.SUB) {
            return Duration.between(b, a);
        }
        if (!(l instanceof Number a) || !(r instanceof Number b)) {
            return fail(op, l, r);
        }
        if (a instanceof Long x && b instanceof Long y) {
            return switch (op) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case DIV -> y == 0 ? null : (Object) (x / y);
                default -> y == 0 ? null : (Object) (x % y);
            };
        }
        double x = a.doubleValue();
        double y = b.doubleValue();
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            default -> x % y;
        };
    }

    private static Object fail(Expr.Op op, Object l, Object r) {
        throw new FilterException(
                "'" + op.name().toLowerCase(Locale.ROOT) + "' cannot combine " + kind(l) + " and " + kind(r));
    }

    /** Numbers as Long or Double; everything else as it is. */
    static Object normalise(Object v) {
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        return v;
    }

    static Instant instant(String s) {
        try {
            return ZonedDateTime.parse(s).withZoneSameInstant(ZoneOffset.UTC).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String kind(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number) {
            return "a number";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Instant) {
            return "a date-time";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof List<?> || v instanceof java.util.Map<?, ?>) {
            return "an object";
        }
        return "a " + v.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
