package de.dos2030.iot.collector.opendata;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link RdfGraph} as JSON-LD 1.1: the prefixes as {@code @context}, one node object per subject
 * in {@code @graph}, every property's values as an array of {@code {"@id"}} or {@code {"@value"}} objects
 * (no type coercion in the context, so a reader needs no JSON-LD knowledge beyond the basics to get it right).
 */
final class JsonLdWriter {
    private JsonLdWriter() {}

    static byte[] write(RdfGraph g, JsonMapper json) {
        Map<RdfGraph.Term, Map<String, Object>> nodes = new LinkedHashMap<>();
        for (RdfGraph.Triple t : g.triples) {
            Map<String, Object> node = nodes.computeIfAbsent(t.subject(), s -> {
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("@id", id(g, s));
                return n;
            });
            if (t.predicate().value().equals(RdfGraph.RDF_TYPE)) {
                @SuppressWarnings("unchecked")
                List<Object> types = (List<Object>) node.computeIfAbsent("@type", k -> new ArrayList<>());
                types.add(id(g, t.object()));
                continue;
            }
            @SuppressWarnings("unchecked")
            List<Object> values = (List<Object>) node.computeIfAbsent(id(g, t.predicate()), k -> new ArrayList<>());
            values.add(value(g, t.object()));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@context", new LinkedHashMap<>(g.prefixes));
        doc.put("@graph", new ArrayList<>(nodes.values()));
        try {
            return json.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the catalogue as JSON-LD failed", e);
        }
    }

    private static String id(RdfGraph g, RdfGraph.Term t) {
        if (t instanceof RdfGraph.Blank b) {
            return "_:" + b.label();
        }
        String iri = ((RdfGraph.Iri) t).value();
        String compact = g.compact(iri);
        return compact != null ? compact : iri;
    }

    private static Map<String, Object> value(RdfGraph g, RdfGraph.Term t) {
        Map<String, Object> v = new LinkedHashMap<>();
        if (t instanceof RdfGraph.Literal l) {
            v.put("@value", l.lexical());
            if (l.lang() != null) {
                v.put("@language", l.lang());
            } else if (l.datatype() != null) {
                v.put("@type", id(g, new RdfGraph.Iri(l.datatype())));
            }
        } else {
            v.put("@id", id(g, t));
        }
        return v;
    }
}
