package de.dos2030.iot.config.definition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import de.dos2030.iot.config.yaml.YamlNode;

/**
 * One kind of value in the gateway file, and the single definition of how it is read from YAML,
 * written back, and described in the JSON Schema. Keeping the three together is what stops the
 * schema from drifting away from the loader.
 *
 * @param <T> the Java value
 */
public interface ValueType<T> {

    /**
     * Converts {@code node}, found at {@code path}; on a problem reports it to {@code ctx} and
     * returns null. Implementations also record locations of nested paths.
     */
    T read(YamlNode node, String path, ReadContext ctx);

    /** The value as plain YAML data: String, Number, List or Map (in key order). */
    Object write(T value);

    /** This type's JSON Schema (draft 2020-12); sections register themselves in {@code schema}'s $defs. */
    ObjectNode schema(SchemaBuilder schema);
}
