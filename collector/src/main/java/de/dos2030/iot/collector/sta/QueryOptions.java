package de.dos2030.iot.collector.sta;

import de.dos2030.iot.collector.sta.filter.Expr;
import de.dos2030.iot.collector.sta.filter.FilterException;
import de.dos2030.iot.collector.sta.filter.FilterParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query options of one level of a request: {@code $filter}, {@code $orderby}, {@code $top},
 * {@code $skip}, {@code $count}, {@code $select} and {@code $expand} (whose items carry their own
 * options, nested as {@code Datastreams($expand=Observations($top=1;$orderby=phenomenonTime desc))}).
 * Parsing bounds the whole text to {@link FilterParser#MAX_LENGTH} per option and the nesting of
 * {@code $expand} to {@link #MAX_EXPAND_DEPTH}.
 *
 * @param top null when the request sets none (the server's page size applies)
 */
record QueryOptions(
        Expr filter,
        List<FilterParser.OrderTerm> orderBy,
        Integer top,
        int skip,
        boolean count,
        List<String> select,
        List<Expand> expand) {
    static final int MAX_EXPAND_DEPTH = 6;
    /** The largest $top/$skip read: far beyond any page, small enough that skip + top stays an int. */
    static final int MAX_NUMBER = 1_000_000_000;

    static final List<String> NAMES = List.of("$filter", "$orderby", "$top", "$skip", "$count", "$select", "$expand");

    static final QueryOptions NONE = new QueryOptions(null, List.of(), null, 0, false, List.of(), List.of());

    /** One {@code $expand} item: a navigation property and the options of the entities it brings. */
    record Expand(String nav, QueryOptions options) {}

    /** The options of a request's query string ({@code name} to value); unknown {@code $} options are refused. */
    static QueryOptions of(Map<String, String> params) {
        for (String name : params.keySet()) {
            if (name.startsWith("$") && !NAMES.contains(name)) {
                throw new FilterException("query option " + quoted(name) + " is not supported (supported: "
                        + String.join(", ", NAMES) + ")");
            }
        }
        return parse(params, 0);
    }

    private static QueryOptions parse(Map<String, String> p, int depth) {
        if (depth > MAX_EXPAND_DEPTH) {
            throw new FilterException("$expand nests deeper than " + MAX_EXPAND_DEPTH + " levels");
        }
        Expr filter = p.containsKey("$filter") ? FilterParser.filter(p.get("$filter")) : null;
        List<FilterParser.OrderTerm> order =
                p.containsKey("$orderby") ? FilterParser.orderBy(p.get("$orderby")) : List.of();
        Integer top = p.containsKey("$top") ? number("$top", p.get("$top")) : null;
        int skip = p.containsKey("$skip") ? number("$skip", p.get("$skip")) : 0;
        boolean count = false;
        if (p.containsKey("$count")) {
            String c = p.get("$count");
            if (!c.equals("true") && !c.equals("false")) {
                throw new FilterException("$count " + quoted(c) + " must be true or false");
            }
            count = c.equals("true");
        }
        List<String> select = new ArrayList<>();
        if (p.containsKey("$select")) {
            for (String s : split(p.get("$select"), ',')) {
                String name = s.trim();
                if (!name.matches("[A-Za-z@][A-Za-z0-9@./]*")) {
                    throw new FilterException("$select item " + quoted(name) + " is not a property name");
                }
                select.add(name);
            }
        }
        List<Expand> expand = new ArrayList<>();
        if (p.containsKey("$expand")) {
            for (String item : split(p.get("$expand"), ',')) {
                expand.add(expandItem(item.trim(), depth));
            }
        }
        return new QueryOptions(filter, order, top, skip, count, List.copyOf(select), List.copyOf(expand));
    }

    private static Expand expandItem(String item, int depth) {
        String path = item;
        QueryOptions options = NONE;
        int paren = item.indexOf('(');
        if (paren >= 0) {
            if (!item.endsWith(")")) {
                throw new FilterException("$expand item " + quoted(item) + " does not close its '('");
            }
            path = item.substring(0, paren).trim();
            Map<String, String> nested = new LinkedHashMap<>();
            for (String opt : split(item.substring(paren + 1, item.length() - 1), ';')) {
                int eq = opt.indexOf('=');
                String name = eq < 0 ? opt.trim() : opt.substring(0, eq).trim();
                if (eq < 0 || !NAMES.contains(name)) {
                    throw new FilterException("$expand option " + quoted(opt.trim()) + " is not one of "
                            + String.join(", ", NAMES) + " with a value");
                }
                nested.put(name, opt.substring(eq + 1));
            }
            options = parse(nested, depth + 1);
        }
        String[] segments = path.split("/");
        if (segments.length > MAX_EXPAND_DEPTH) {
            throw new FilterException("$expand path " + quoted(path) + " is longer than " + MAX_EXPAND_DEPTH);
        }
        Expand e = new Expand(segments[segments.length - 1], options);
        for (int i = segments.length - 2; i >= 0; i--) {
            e = new Expand(segments[i], new QueryOptions(null, List.of(), null, 0, false, List.of(), List.of(e)));
        }
        for (String s : segments) {
            if (!s.matches("[A-Za-z]+")) {
                throw new FilterException("$expand item " + quoted(path) + " is not a navigation property");
            }
        }
        return e;
    }

    private static int number(String name, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0 && n <= MAX_NUMBER) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new FilterException(name + " " + quoted(value) + " must be a whole number from 0 to " + MAX_NUMBER);
    }

    /** Splits at {@code sep} outside parentheses and quotes. */
    static List<String> split(String text, char sep) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == sep) {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (quoted || depth != 0) {
            throw new FilterException("unbalanced quotes or parentheses in " + quoted(text));
        }
        out.add(text.substring(start));
        return out;
    }

    static String quoted(String s) {
        String shown = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
