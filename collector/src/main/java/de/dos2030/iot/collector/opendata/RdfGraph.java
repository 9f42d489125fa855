package de.dos2030.iot.collector.opendata;

import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small RDF graph, just enough for the catalogue: IRIs, blank nodes and literals (with a datatype or a
 * language), triples in insertion order, prefixes for compact output. {@link TurtleWriter} and
 * {@link JsonLdWriter} write it; the same graph gives the same bytes. Not thread-safe; built per answer.
 */
final class RdfGraph {
    /** A node or value. */
    sealed interface Term permits Iri, Blank, Literal {}

    record Iri(String value) implements Term {}

    record Blank(String label) implements Term {}

    /** {@code datatype} is an IRI or null (a plain or language string); {@code lang} a BCP 47 tag or null. */
    record Literal(
            String lexical,
            @Nullable String datatype,
            @Nullable String lang) implements Term {}

    record Triple(Term subject, Iri predicate, Term object) {}

    static final String XSD = "http://www.w3.org/2001/XMLSchema#";
    static final String RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

    final Map<String, String> prefixes = new LinkedHashMap<>();
    final List<Triple> triples = new ArrayList<>();
    private int blanks;

    RdfGraph prefix(String prefix, String namespace) {
        prefixes.put(prefix, namespace);
        return this;
    }

    /** An IRI, written {@code prefix:local} where a prefix is declared. */
    Iri iri(String compactOrFull) {
        int colon = compactOrFull.indexOf(':');
        if (colon > 0) {
            String ns = prefixes.get(compactOrFull.substring(0, colon));
            if (ns != null) {
                return new Iri(ns + compactOrFull.substring(colon + 1));
            }
        }
        return new Iri(compactOrFull);
    }

    Blank blank() {
        return new Blank("b" + ++blanks);
    }

    static Literal text(String value, @Nullable String lang) {
        return new Literal(value, null, lang);
    }

    static Literal typed(String value, String xsdLocalName) {
        return new Literal(value, XSD + xsdLocalName, null);
    }

    /** Adds a triple; a null object adds nothing (an unknown value is left out, not written empty). */
    RdfGraph add(Term subject, String predicate, @Nullable Term object) {
        if (object != null) {
            triples.add(new Triple(subject, iri(predicate), object));
        }
        return this;
    }

    RdfGraph type(Term subject, String type) {
        return add(subject, RDF_TYPE, iri(type));
    }

    /** {@code prefix:local} for an IRI in a declared namespace with a simple local part, else null. */
    @Nullable
    String compact(String iri) {
        for (Map.Entry<String, String> p : prefixes.entrySet()) {
            if (iri.startsWith(p.getValue())) {
                String local = iri.substring(p.getValue().length());
                if (local.matches("[A-Za-z][A-Za-z0-9_-]*")) {
                    return p.getKey() + ":" + local;
                }
            }
        }
        return null;
    }
}
