package de.dos2030.iot.config.definition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import de.dos2030.iot.config.yaml.YamlNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** A mapping from enum keys (by wire name) to values, e.g. replay columns {@code co2: CO2}. */
public record MapType<K extends Enum<K>, V>(Scalars.EnumType<K> keys, ValueType<V> values, int minEntries)
        implements ValueType<Map<K, V>> {

    @Override
    public Map<K, V> read(YamlNode node, String path, ReadContext ctx) {
        if (!(node instanceof YamlNode.MapNode map)) {
            ctx.report(
                    path,
                    node.location(),
                    "expected a mapping of " + keys.allowed() + " to values, got " + node.describe());
            return null;
        }
        if (map.entries().size() < minEntries) {
            ctx.report(path, node.location(), "needs at least " + minEntries + " entry", keys.allowed());
        }
        Map<K, V> out = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<String, YamlNode.Entry> e : map.entries().entrySet()) {
            String entryPath = Section.join(path, e.getKey());
            K k = keys.parse(e.getKey(), entryPath, e.getValue().keyLocation(), ctx);
            ctx.locate(entryPath, e.getValue().value().location());
            V v = values.read(e.getValue().value(), entryPath, ctx);
            if (k == null || v == null) {
                ok = false;
            } else {
                out.put(k, v);
            }
        }
        return ok ? out : null;
    }

    @Override
    public Object write(Map<K, V> value) {
        Map<String, Object> out = new LinkedHashMap<>();
        value.forEach((k, v) -> out.put((String) keys.write(k), values.write(v)));
        return out;
    }

    @Override
    public ObjectNode schema(SchemaBuilder schema) {
        ObjectNode o = schema.object().put("type", "object");
        o.set("propertyNames", keys.schema(schema));
        o.set("additionalProperties", values.schema(schema));
        if (minEntries > 0) {
            o.put("minProperties", minEntries);
        }
        return o;
    }
}
