package de.dos2030.iot.config.definition;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.dos2030.iot.config.yaml.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A mapping in the gateway file with a fixed set of keys. Reading it reports unknown keys (with a
 * "did you mean"), missing required keys, keys that exclude each other, and every problem of the
 * values. Its JSON Schema is an object with exactly these properties.
 */
public final class Section implements ValueType<Fields> {

    private final String name;
    private final String description;
    private final Map<String, Key<?>> keys = new LinkedHashMap<>();
    private final List<List<Key<?>>> exclusive = new ArrayList<>();

    public Section(String name, String description, Key<?>... keys) {
        this.name = name;
        this.description = description;
        for (Key<?> k : keys) {
            this.keys.put(k.name(), k);
        }
    }

    /** Declares that at most one of these keys may be written. */
    public Section atMostOneOf(Key<?>... group) {
        exclusive.add(List.of(group));
        return this;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public List<Key<?>> keys() {
        return List.copyOf(keys.values());
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    @Override
    public Fields read(YamlNode node, String path, ReadContext ctx) {
        if (!(node instanceof YamlNode.MapNode map)) {
            ctx.report(
                    path,
                    node.location(),
                    "expected a mapping of " + String.join(", ", keys.keySet()) + ", got " + node.describe());
            return null;
        }
        int before = ctx.problemCount();
        Fields fields = new Fields(this, path, map.location());
        ctx.locate(path, map.location());
        for (Map.Entry<String, YamlNode.Entry> e : map.entries().entrySet()) {
            String keyName = e.getKey();
            String keyPath = join(path, keyName);
            Key<?> key = keys.get(keyName);
            if (key == null) {
                String hint = Suggestions.closest(keyName, keys.keySet())
                        .map(s -> ", did you mean '" + s + "'?")
                        .orElse("");
                ctx.report(
                        keyPath,
                        e.getValue().keyLocation(),
                        "unknown key '" + keyName + "'" + hint,
                        String.join(", ", keys.keySet()));
                continue;
            }
            ctx.locate(keyPath, e.getValue().value().location());
            Object value = key.type().read(e.getValue().value(), keyPath, ctx);
            if (value != null) {
                fields.set(keyName, value);
            }
        }
        for (Key<?> key : keys.values()) {
            if (key.isRequired() && !map.entries().containsKey(key.name())) {
                ctx.report(join(path, key.name()), map.location(), "required key '" + key.name() + "' is missing");
            }
        }
        for (List<Key<?>> group : exclusive) {
            List<Key<?>> written = group.stream()
                    .filter(k -> map.entries().containsKey(k.name()))
                    .toList();
            for (Key<?> extra : written.subList(Math.min(1, written.size()), written.size())) {
                ctx.report(
                        join(path, extra.name()),
                        map.entries().get(extra.name()).keyLocation(),
                        "'" + extra.name() + "' cannot be combined with '"
                                + written.get(0).name() + "'",
                        "one of " + group.stream().map(Key::name).collect(Collectors.joining(", ")));
            }
        }
        if (ctx.problemCount() > before) {
            fields.markIncomplete();
        }
        return fields;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object write(Fields fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Key key : keys.values()) {
            Object v = fields.raw(key.name());
            if (v != null) {
                out.put(key.name(), key.type().write(v));
            }
        }
        return out;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public ObjectNode schema(SchemaBuilder schema) {
        return schema.ref(name, () -> {
            ObjectNode o = schema.object();
            o.put("type", "object");
            o.put("description", description);
            ObjectNode props = o.putObject("properties");
            ArrayNode required = schema.mapper().createArrayNode();
            for (Key key : keys.values()) {
                ObjectNode p = key.type().schema(schema).deepCopy();
                p.put("description", key.description());
                if (key.defaultValue() != null) {
                    p.set("default", schema.mapper().valueToTree(key.type().write(key.defaultValue())));
                }
                props.set(key.name(), p);
                if (key.isRequired()) {
                    required.add(key.name());
                }
            }
            if (!required.isEmpty()) {
                o.set("required", required);
            }
            o.put("additionalProperties", false);
            if (!exclusive.isEmpty()) {
                ArrayNode all = o.putArray("allOf");
                for (List<Key<?>> group : exclusive) {
                    for (int i = 0; i < group.size(); i++) {
                        for (int j = i + 1; j < group.size(); j++) {
                            ObjectNode not = all.addObject().putObject("not");
                            not.putArray("required")
                                    .add(group.get(i).name())
                                    .add(group.get(j).name());
                        }
                    }
                }
            }
            return o;
        });
    }
}
