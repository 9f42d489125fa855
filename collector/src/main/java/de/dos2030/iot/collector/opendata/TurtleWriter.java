package de.dos2030.iot.collector.opendata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes an {@link RdfGraph} as Turtle (RDF 1.1): prefixes, then each subject with its predicates grouped. */
final class TurtleWriter {
    private TurtleWriter() {}

    static String write(RdfGraph g) {
        StringBuilder out = new StringBuilder();
        g.prefixes.forEach((p, ns) ->
                out.append("@prefix ").append(p).append(": ").append(iri(ns)).append(" .\n"));
        Map<RdfGraph.Term, Map<RdfGraph.Iri, List<RdfGraph.Term>>> bySubject = new LinkedHashMap<>();
        for (RdfGraph.Triple t : g.triples) {
            bySubject
                    .computeIfAbsent(t.subject(), s -> new LinkedHashMap<>())
                    .computeIfAbsent(t.predicate(), p -> new ArrayList<>())
                    .add(t.object());
        }
        bySubject.forEach((subject, predicates) -> {
            out.append('\n').append(term(g, subject));
            String sep = "\n    ";
            for (Map.Entry<RdfGraph.Iri, List<RdfGraph.Term>> p : predicates.entrySet()) {
                out.append(sep)
                        .append(p.getKey().value().equals(RdfGraph.RDF_TYPE) ? "a" : term(g, p.getKey()))
                        .append(' ');
                List<String> objects = new ArrayList<>();
                p.getValue().forEach(o -> objects.add(term(g, o)));
                out.append(String.join(", ", objects));
                sep = " ;\n    ";
            }
            out.append(" .\n");
        });
        return out.toString();
    }

    private static String term(RdfGraph g, RdfGraph.Term t) {
        if (t instanceof RdfGraph.Iri i) {
            String compact = g.compact(i.value());
            return compact != null ? compact : iri(i.value());
        }
        if (t instanceof RdfGraph.Blank b) {
            return "_:" + b.label();
        }
        RdfGraph.Literal l = (RdfGraph.Literal) t;
        String text = '"' + escape(l.lexical()) + '"';
        if (l.lang() != null) {
            return text + '@' + l.lang();
        }
        return l.datatype() == null ? text : text + "^^" + term(g, new RdfGraph.Iri(l.datatype()));
    }

    /** An IRIREF; characters Turtle does not allow in one are written as {@code \}{@code uXXXX}. */
    static String iri(String value) {
        StringBuilder b = new StringBuilder("<");
        for (char c : value.toCharArray()) {
            if (c <= 0x20 || "<>\"{}|^`\\".indexOf(c) >= 0) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('>').toString();
    }

    /** A STRING_LITERAL_QUOTE's content. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
