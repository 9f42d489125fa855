package de.dos2030.iot.collector.sta;

import de.dos2030.iot.collector.sta.filter.Evaluator;
import de.dos2030.iot.collector.sta.filter.FilterParser;
import java.util.Comparator;
import java.util.List;

/** The order of {@code $orderby}: each term's value, nulls first, then the next term. */
final class EntityOrder {
    private EntityOrder() {}

    static Comparator<Entity> of(List<FilterParser.OrderTerm> terms, Evaluator ev) {
        Comparator<Entity> out = (a, b) -> 0;
        for (FilterParser.OrderTerm t : terms) {
            Comparator<Entity> c = (a, b) -> compare(ev.eval(t.expr(), a), ev.eval(t.expr(), b));
            out = out.thenComparing(t.descending() ? c.reversed() : c);
        }
        return out;
    }

    private static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        Integer c = Evaluator.order(a, b);
        return c != null ? c : a.toString().compareTo(b.toString());
    }
}
