package de.dos2030.iot.collector.sta.filter;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A recursive-descent parser of the OData expressions SensorThings uses in {@code $filter} and
 * {@code $orderby}. Hostile input is bounded: at most {@link #MAX_LENGTH} characters,
 * {@link #MAX_DEPTH} levels of nesting and {@link #MAX_NODES} nodes; beyond, a {@link FilterException}
 * (HTTP 400) says which limit. The parser never builds query text: it only builds an {@link Expr}.
 *
 * <p>Precedence, loosest first: {@code or}, {@code and}, {@code not}, comparisons, {@code add/sub},
 * {@code mul/div/mod}, unary minus, primary. Not thread-safe; one instance per text.
 */
public final class FilterParser {
    public static final int MAX_LENGTH = 8 * 1024;
    public static final int MAX_DEPTH = 64;
    public static final int MAX_NODES = 2_000;

    /** The functions of the standard this server evaluates ({@link Evaluator}); others are refused by name. */
    static final Set<String> FUNCTIONS = Set.of(
            "substringof",
            "endswith",
            "startswith",
            "length",
            "indexof",
            "substring",
            "tolower",
            "toupper",
            "trim",
            "concat",
            "year",
            "month",
            "day",
            "hour",
            "minute",
            "second",
            "fractionalseconds",
            "date",
            "time",
            "totaloffsetminutes",
            "now",
            "mindatetime",
            "maxdatetime",
            "round",
            "floor",
            "ceiling",
            "geo.distance",
            "geo.length",
            "geo.intersects",
            "st_within",
            "st_equals",
            "st_disjoint",
            "st_intersects",
            "st_contains",
            "st_touches",
            "st_overlaps",
            "st_crosses",
            "st_relate");

    private final String text;
    private final String option;
    private int pos;
    private int depth;
    private int nodes;

    private FilterParser(String text, String option) {
        this.text = text;
        this.option = option;
    }

    /**
     * Parses a {@code $filter}.
     *
     * @throws FilterException naming the position and what was expected
     */
    public static Expr filter(String text) {
        FilterParser p = start(text, "$filter");
        Expr e = p.or();
        p.expectEnd();
        return e;
    }

    /** One term of {@code $orderby}: an expression and its direction. */
    public record OrderTerm(Expr expr, boolean descending) {}

    /** Parses an {@code $orderby}: {@code phenomenonTime desc, name}. */
    public static List<OrderTerm> orderBy(String text) {
        FilterParser p = start(text, "$orderby");
        List<OrderTerm> terms = new ArrayList<>();
        do {
            Expr e = p.add();
            boolean desc = false;
            if (p.keyword("desc")) {
                desc = true;
            } else {
                p.keyword("asc");
            }
            terms.add(new OrderTerm(e, desc));
        } while (p.symbol(','));
        p.expectEnd();
        return terms;
    }

    private static FilterParser start(String text, String option) {
        if (text.length() > MAX_LENGTH) {
            throw new FilterException(option + " is " + text.length() + " characters long; at most " + MAX_LENGTH
                    + " are read: split the question into several requests");
        }
        if (text.isBlank()) {
            throw new FilterException(option + " is empty");
        }
        return new FilterParser(text, option);
    }

    private Expr or() {
        Expr left = and();
        while (keyword("or")) {
            left = node(new Expr.Binary(Expr.Op.OR, left, and()));
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (keyword("and")) {
            left = node(new Expr.Binary(Expr.Op.AND, left, not()));
        }
        return left;
    }

    private Expr not() {
        if (keyword("not")) {
            enter();
            Expr e = node(new Expr.Not(not()));
            depth--;
            return e;
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = add();
        for (Expr.Op op : List.of(Expr.Op.EQ, Expr.Op.NE, Expr.Op.GT, Expr.Op.GE, Expr.Op.LT, Expr.Op.LE)) {
            if (keyword(op.name().toLowerCase(Locale.ROOT))) {
                return node(new Expr.Binary(op, left, add()));
            }
        }
        return left;
    }

    private Expr add() {
        Expr left = mul();
        while (true) {
            if (keyword("add")) {
                left = node(new Expr.Binary(Expr.Op.ADD, left, mul()));
            } else if (keyword("sub")) {
                left = node(new Expr.Binary(Expr.Op.SUB, left, mul()));
            } else {
                return left;
            }
        }
    }

    private Expr mul() {
        Expr left = unary();
        while (true) {
            if (keyword("mul")) {
                left = node(new Expr.Binary(Expr.Op.MUL, left, unary()));
            } else if (keyword("div")) {
                left = node(new Expr.Binary(Expr.Op.DIV, left, unary()));
            } else if (keyword("mod")) {
                left = node(new Expr.Binary(Expr.Op.MOD, left, unary()));
            } else {
                return left;
            }
        }
    }

    private Expr unary() {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == '-' && !startsNumber(pos + 1)) {
            pos++;
            enter();
            Expr e = node(new Expr.Negate(unary()));
            depth--;
            return e;
        }
        return primary();
    }

    private Expr primary() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("ends early: an operand is missing");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            enter();
            Expr e = or();
            depth--;
            if (!symbol(')')) {
                throw error("expected ')'");
            }
            return e;
        }
        if (c == '\'') {
            return node(new Expr.Literal(string()));
        }
        if (startsDate(pos)) {
            return node(new Expr.Literal(dateTime()));
        }
        if (c == '-' || Character.isDigit(c)) {
            return node(new Expr.Literal(number()));
        }
        if (Character.isLetter(c) || c == '@' || c == '$' || c == '_') {
            return identifierOrCall();
        }
        throw error("unexpected " + quoted(String.valueOf(c)));
    }

    private Expr identifierOrCall() {
        String name = name();
        String lower = name.toLowerCase(Locale.ROOT);
        if (pos < text.length() && text.charAt(pos) == '\'') {
            String body = string();
            return switch (lower) {
                case "geography", "geometry" -> node(new Expr.Literal(Geometry.ofWkt(body)));
                case "duration" -> node(new Expr.Literal(duration(body)));
                default -> throw error("unknown literal type " + quoted(name) + " (allowed: geography, duration)");
            };
        }
        switch (lower) {
            case "true":
                return node(new Expr.Literal(Boolean.TRUE));
            case "false":
                return node(new Expr.Literal(Boolean.FALSE));
            case "null":
                return node(new Expr.Literal(null));
            default:
                break;
        }
        skipSpace();
        if (symbol('(')) {
            if (!FUNCTIONS.contains(lower)) {
                throw error("unknown function " + quoted(name));
            }
            enter();
            List<Expr> args = new ArrayList<>();
            if (!symbol(')')) {
                do {
                    args.add(or());
                } while (symbol(','));
                if (!symbol(')')) {
                    throw error("expected ')' or ',' in the arguments of " + name);
                }
            }
            depth--;
            return node(new Expr.Call(lower, args));
        }
        List<String> segments = new ArrayList<>();
        segments.add(name);
        while (pos < text.length() && text.charAt(pos) == '/') {
            pos++;
            segments.add(name());
        }
        return node(new Expr.Path(segments));
    }

    private String name() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '@' || c == '$') {
                pos++;
            } else {
                break;
            }
        }
        if (start == pos) {
            throw error("expected a property name");
        }
        return text.substring(start, pos);
    }

    private String string() {
        StringBuilder out = new StringBuilder();
        pos++; // opening quote
        while (true) {
            if (pos >= text.length()) {
                throw error("a string literal is not closed: end it with ' (a quote inside is written '')");
            }
            char c = text.charAt(pos++);
            if (c == '\'') {
                if (pos < text.length() && text.charAt(pos) == '\'') {
                    out.append('\'');
                    pos++;
                } else {
                    return out.toString();
                }
            } else {
                out.append(c);
            }
        }
    }

    private Object number() {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        boolean decimal = false;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isDigit(c)) {
                pos++;
            } else if (c == '.' || c == 'e' || c == 'E' || ((c == '+' || c == '-') && isExponent(pos - 1))) {
                decimal = true;
                pos++;
            } else {
                break;
            }
        }
        String t = text.substring(start, pos);
        try {
            return decimal ? (Object) Double.parseDouble(t) : (Object) Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw error("number " + quoted(t) + " cannot be read");
        }
    }

    private boolean isExponent(int i) {
        return i >= 0 && (text.charAt(i) == 'e' || text.charAt(i) == 'E');
    }

    private Instant dateTime() {
        int start = pos;
        while (pos < text.length() && "0123456789-:TZ.+".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String t = text.substring(start, pos);
        try {
            if (t.length() == 10) {
                return java.time.LocalDate.parse(t)
                        .atStartOfDay(java.time.ZoneOffset.UTC)
                        .toInstant();
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw error("date-time " + quoted(t) + " is not ISO 8601 with an offset, e.g. 2026-03-01T08:00:00Z");
        }
    }

    private Duration duration(String body) {
        try {
            return Duration.parse(body);
        } catch (DateTimeException e) {
            throw error("duration " + quoted(body) + " is not ISO 8601, e.g. duration'PT1H'");
        }
    }

    private boolean startsDate(int i) {
        return i + 10 <= text.length()
                && Character.isDigit(text.charAt(i))
                && Character.isDigit(text.charAt(i + 3))
                && text.charAt(i + 4) == '-'
                && text.charAt(i + 7) == '-';
    }

    private boolean startsNumber(int i) {
        return i < text.length() && Character.isDigit(text.charAt(i));
    }

    /** Whether the next word is {@code word} (case-insensitive, followed by no name character); consumes it. */
    private boolean keyword(String word) {
        skipSpace();
        int end = pos + word.length();
        if (end > text.length() || !text.regionMatches(true, pos, word, 0, word.length())) {
            return false;
        }
        if (end < text.length()) {
            char next = text.charAt(end);
            if (Character.isLetterOrDigit(next) || next == '_' || next == '/' || next == '(' || next == '.') {
                return false;
            }
        }
        pos = end;
        return true;
    }

    private boolean symbol(char c) {
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private void expectEnd() {
        skipSpace();
        if (pos < text.length()) {
            throw error("unexpected " + quoted(text.substring(pos, Math.min(text.length(), pos + 20))));
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new FilterException(option + " nests deeper than " + MAX_DEPTH + " levels: simplify it");
        }
    }

    private Expr node(Expr e) {
        if (++nodes > MAX_NODES) {
            throw new FilterException(option + " has more than " + MAX_NODES + " terms: simplify it");
        }
        return e;
    }

    private FilterException error(String what) {
        return new FilterException(option + " at character " + (pos + 1) + ": " + what);
    }

    private static String quoted(String s) {
        String shown = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
