package de.dos2030.iot.collector.sta;

import de.dos2030.iot.collector.sta.filter.Expr;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of an Observations {@code $filter} that InfluxDB can answer: bounds on
 * {@code phenomenonTime}/{@code resultTime} against a date-time, in the filter's top-level
 * {@code and}. They become typed numbers of the query ({@code time >= 1700000000000ms}); nothing of the
 * filter's text reaches InfluxQL. What is left ({@code residual}) is evaluated in Java.
 *
 * @param from     inclusive lower bound, or null
 * @param to       exclusive upper bound, or null
 * @param residual the conjuncts not pushed down, or null when there are none
 */
record TimeBounds(Instant from, Instant to, Expr residual) {

    static TimeBounds of(Expr filter) {
        if (filter == null) {
            return new TimeBounds(null, null, null);
        }
        List<Expr> conjuncts = new ArrayList<>();
        flatten(filter, conjuncts);
        Instant from = null;
        Instant to = null;
        Expr residual = null;
        for (Expr c : conjuncts) {
            Instant[] b = bound(c);
            if (b == null) {
                residual = residual == null ? c : new Expr.Binary(Expr.Op.AND, residual, c);
                continue;
            }
            if (b[0] != null && (from == null || b[0].isAfter(from))) {
                from = b[0];
            }
            if (b[1] != null && (to == null || b[1].isBefore(to))) {
                to = b[1];
            }
        }
        return new TimeBounds(from, to, residual);
    }

    private static void flatten(Expr e, List<Expr> out) {
        if (e instanceof Expr.Binary b && b.op() == Expr.Op.AND) {
            flatten(b.left(), out);
            flatten(b.right(), out);
        } else {
            out.add(e);
        }
    }

    /** [from, to) of a time comparison, or null when {@code e} is not one. */
    private static Instant[] bound(Expr e) {
        if (!(e instanceof Expr.Binary b) || !b.op().comparison() || b.op() == Expr.Op.NE) {
            return null;
        }
        Expr.Op op = b.op();
        Instant t;
        if (isTime(b.left()) && b.right() instanceof Expr.Literal l && l.value() instanceof Instant i) {
            t = i;
        } else if (isTime(b.right()) && b.left() instanceof Expr.Literal l && l.value() instanceof Instant i) {
            t = i;
            op = switch (op) {
                case GT -> Expr.Op.LT;
                case GE -> Expr.Op.LE;
                case LT -> Expr.Op.GT;
                case LE -> Expr.Op.GE;
                default -> op;
            };
        } else {
            return null;
        }
        Instant next = t.plusMillis(1);
        return switch (op) {
            case GT -> new Instant[] {next, null};
            case GE -> new Instant[] {t, null};
            case LT -> new Instant[] {null, t};
            case LE -> new Instant[] {null, next};
            default -> new Instant[] {t, next};
        };
    }

    private static boolean isTime(Expr e) {
        return e instanceof Expr.Path p
                && p.segments().size() == 1
                && (p.segments().get(0).equals("phenomenonTime")
                        || p.segments().get(0).equals("resultTime"));
    }
}
