package de.dos2030.iot.collector.sta.filter;

import java.util.List;

/**
 * A node of a parsed {@code $filter} or {@code $orderby} expression (OData as SensorThings uses it).
 * Immutable; built only by {@link FilterParser}, which bounds depth and size.
 */
public sealed interface Expr {

    /** A constant: null, Boolean, Long, Double, String, {@link java.time.Instant}, {@link java.time.Duration} or {@link Geometry}. */
    record Literal(Object value) implements Expr {}

    /** A property path such as {@code name}, {@code properties/kind} or {@code Datastream/Thing/name}. */
    record Path(List<String> segments) implements Expr {
        public Path {
            segments = List.copyOf(segments);
        }

        public String text() {
            return String.join("/", segments);
        }
    }

    /** A function call: {@code substringof('a', name)}, {@code geo.distance(location, geography'POINT(7 51)')}. */
    record Call(String name, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** A comparison, logical or arithmetic operator between two operands. */
    record Binary(Op op, Expr left, Expr right) implements Expr {}

    /** {@code not e}. */
    record Not(Expr operand) implements Expr {}

    /** {@code -e}. */
    record Negate(Expr operand) implements Expr {}

    /** The binary operators, by their OData names. */
    enum Op {
        EQ,
        NE,
        GT,
        GE,
        LT,
        LE,
        AND,
        OR,
        ADD,
        SUB,
        MUL,
        DIV,
        MOD;

        public boolean comparison() {
            return ordinal() <= LE.ordinal();
        }
    }
}
