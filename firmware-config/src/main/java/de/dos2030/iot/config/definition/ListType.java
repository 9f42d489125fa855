package de.dos2030.iot.config.definition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import de.dos2030.iot.config.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A YAML list of one element type. An element that cannot be read stays in the list as null, so
 * that indexes in later messages still match the file.
 */
public record ListType<T>(ValueType<T> element, int minItems) implements ValueType<List<T>> {

    @Override
    public List<T> read(YamlNode node, String path, ReadContext ctx) {
        if (!(node instanceof YamlNode.SeqNode seq)) {
            ctx.report(path, node.location(), "expected a list, got " + node.describe());
            return null;
        }
        if (seq.items().size() < minItems) {
            ctx.report(path, node.location(), "needs at least " + minItems + " item" + (minItems == 1 ? "" : "s"));
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            String itemPath = path + "[" + i + "]";
            ctx.locate(itemPath, seq.items().get(i).location());
            out.add(element.read(seq.items().get(i), itemPath, ctx));
        }
        return out;
    }

    @Override
    public Object write(List<T> value) {
        return value.stream().map(element::write).toList();
    }

    @Override
    public ObjectNode schema(SchemaBuilder schema) {
        ObjectNode o = schema.object().put("type", "array");
        o.set("items", element.schema(schema));
        if (minItems > 0) {
            o.put("minItems", minItems);
        }
        return o;
    }
}
