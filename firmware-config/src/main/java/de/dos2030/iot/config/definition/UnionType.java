package de.dos2030.iot.config.definition;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.dos2030.iot.config.yaml.YamlNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mapping whose {@code kind} key picks one of several sections, e.g. a source of kind
 * {@code hardware}, {@code simulated} or {@code replay}. Each variant section declares the
 * {@code kind} key itself (see {@link #kindKey}), so unknown-key checks and the schema treat it
 * like any other key.
 */
public final class UnionType implements ValueType<Fields> {

    public static final String KIND = "kind";

    private final String name;
    private final Map<String, Section> variants = new LinkedHashMap<>();

    public UnionType(String name, List<Section> variants) {
        this.name = name;
        for (Section s : variants) {
            this.variants.put(variantName(s), s);
        }
    }

    /** The {@code kind} key of a variant section, fixed to {@code variant}. */
    public static Key<String> kindKey(String variant, String description) {
        return Key.required(KIND, new Scalars.Const(variant), description);
    }

    private static String variantName(Section s) {
        return ((Scalars.Const) s.keys().get(0).type()).value();
    }

    public Section variant(String kind) {
        return variants.get(kind);
    }

    /** Empty fields of the {@code kind} variant with its kind filled in, for writers. */
    @SuppressWarnings("unchecked")
    public Fields fields(String kind) {
        Section s = variants.get(kind);
        if (s == null) {
            throw new IllegalArgumentException("no variant '" + kind + "' in " + name);
        }
        return Fields.of(s).put((Key<String>) s.keys().get(0), kind);
    }

    @Override
    public Fields read(YamlNode node, String path, ReadContext ctx) {
        String allowed = String.join(", ", variants.keySet());
        if (!(node instanceof YamlNode.MapNode map)) {
            ctx.report(path, node.location(), "expected a mapping with kind: " + allowed + ", got " + node.describe());
            return null;
        }
        YamlNode.Entry kind = map.entries().get(KIND);
        if (kind == null) {
            ctx.report(Section.join(path, KIND), map.location(), "required key 'kind' is missing", allowed);
            return null;
        }
        String text = kind.value() instanceof YamlNode.ScalarNode s
                ? s.text()
                : kind.value().describe();
        Section section = variants.get(text);
        if (section == null) {
            String hint = Suggestions.closest(text, variants.keySet())
                    .map(s -> ", did you mean '" + s + "'?")
                    .orElse("");
            ctx.report(
                    Section.join(path, KIND), kind.value().location(), "unknown kind '" + text + "'" + hint, allowed);
            return null;
        }
        return section.read(node, path, ctx);
    }

    @Override
    public Object write(Fields fields) {
        return fields.section().write(fields);
    }

    @Override
    public ObjectNode schema(SchemaBuilder schema) {
        return schema.ref(name, () -> {
            ObjectNode o = schema.object();
            o.put("type", "object");
            o.putArray("required").add(KIND);
            ObjectNode kindProp = o.putObject("properties").putObject(KIND);
            ArrayNode names = kindProp.putArray("enum");
            variants.keySet().forEach(names::add);
            ArrayNode one = o.putArray("oneOf");
            variants.values().forEach(s -> one.add(s.schema(schema)));
            return o;
        });
    }
}
