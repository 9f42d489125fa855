package de.dos2030.iot.config.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree whose every node knows where it starts in the text, so that a
 * problem found long after parsing can still name its line and column.
 */
public sealed interface YamlNode {

    Location location();

    /** A short name of the node's shape for messages: "a mapping", "a list", "a number", ... */
    String describe();

    /** A mapping in file order; each entry remembers where its key is. */
    record MapNode(Location location, Map<String, Entry> entries) implements YamlNode {
        public MapNode {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** One key of a mapping with the key's own location and its value. */
    record Entry(Location keyLocation, YamlNode value) {}

    record SeqNode(Location location, List<YamlNode> items) implements YamlNode {
        public SeqNode {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A scalar with its text as written (e.g. {@code 0x62}) and the kind the YAML parser resolved. */
    record ScalarNode(Location location, String text, ScalarKind kind) implements YamlNode {
        @Override
        public String describe() {
            return switch (kind) {
                case STRING -> "'" + text + "'";
                case INTEGER, DECIMAL -> "the number " + text;
                case BOOLEAN -> "the boolean " + text;
                case NULL -> "nothing (null)";
            };
        }
    }

    /** How the YAML parser resolved a plain scalar. */
    enum ScalarKind {
        STRING,
        INTEGER,
        DECIMAL,
        BOOLEAN,
        NULL
    }
}
