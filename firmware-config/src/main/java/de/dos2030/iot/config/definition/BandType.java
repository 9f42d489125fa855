package de.dos2030.iot.config.definition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import de.dos2030.iot.config.yaml.YamlNode;
import de.dos2030.iot.config.yaml.YamlNode.ScalarKind;
import de.dos2030.iot.config.yaml.YamlNode.ScalarNode;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A frequency band written {@code 9.5-12 Hz} (the unit may be left out, the space too): read as
 * {@code {low, high}} in Hz. The order of the edges is the model's to judge ({@code ModeBand}), so
 * an inverted band gets a message that says so rather than "not a band".
 */
public record BandType() implements ValueType<double[]> {

    private static final String NUMBER = "([0-9]+(?:\\.[0-9]+)?)";
    private static final Pattern TEXT = Pattern.compile(NUMBER + "\\s*-\\s*" + NUMBER + "\\s*(?:Hz)?");
    static final String ALLOWED = "a band of Hz such as 9.5-12 Hz";

    @Override
    public double[] read(YamlNode node, String path, ReadContext ctx) {
        ScalarNode s = Scalars.scalar(node, path, ctx, Set.of(ScalarKind.STRING), "a frequency band", ALLOWED);
        if (s == null) {
            return null;
        }
        Matcher m = TEXT.matcher(s.text().trim());
        if (!m.matches()) {
            ctx.report(path, node.location(), "'" + s.text() + "' is not a frequency band", ALLOWED);
            return null;
        }
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }

    @Override
    public Object write(double[] v) {
        return Numbers.num(v[0]) + "-" + Numbers.num(v[1]) + " Hz";
    }

    @Override
    public ObjectNode schema(SchemaBuilder schema) {
        return schema.object()
                .put("type", "string")
                .put("pattern", "^" + NUMBER + " ?- ?" + NUMBER + " ?(Hz)?$")
                .put("x-unit", "Hz");
    }
}
