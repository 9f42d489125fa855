package de.dos2030.iot.config.definition;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/** Collects the $defs of a JSON Schema while types describe themselves. */
public final class SchemaBuilder {

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, ObjectNode> defs = new TreeMap<>();

    public ObjectNode object() {
        return mapper.createObjectNode();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** A {@code $ref} to the named definition, building it on first use. */
    public ObjectNode ref(String name, java.util.function.Supplier<ObjectNode> definition) {
        if (!defs.containsKey(name)) {
            defs.put(name, object()); // placeholder against recursion
            defs.put(name, definition.get());
        }
        return object().put("$ref", "#/$defs/" + name);
    }

    public Map<String, ObjectNode> definitions() {
        return defs;
    }
}
