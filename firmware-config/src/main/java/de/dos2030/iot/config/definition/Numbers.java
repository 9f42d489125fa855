package de.dos2030.iot.config.definition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import de.dos2030.iot.config.model.DurationText;
import de.dos2030.iot.config.yaml.YamlNode;
import de.dos2030.iot.config.yaml.YamlNode.ScalarKind;
import de.dos2030.iot.config.yaml.YamlNode.ScalarNode;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Numeric value types: integers (decimal or 0x hex), decimals with a range, durations, frequencies, sizes. */
public final class Numbers {

    private static final Set<ScalarKind> NUMBERS = Set.of(ScalarKind.INTEGER, ScalarKind.DECIMAL);

    private Numbers() {}

    /** An integer in [min, max]; {@code what} names it in messages ("a 7-bit I2C address"). */
    public record Int(long min, long max, String what, String allowed) implements ValueType<Integer> {

        public static Int range(long min, long max) {
            return new Int(min, max, "in range", min + "-" + max);
        }

        @Override
        public Integer read(YamlNode node, String path, ReadContext ctx) {
            ScalarNode s = Scalars.scalar(node, path, ctx, Set.of(ScalarKind.INTEGER), "an integer", allowed);
            if (s == null) {
                return null;
            }
            long v;
            try {
                String t = s.text().replace("_", "");
                v = t.startsWith("0x") || t.startsWith("0X") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
            } catch (NumberFormatException e) {
                ctx.report(path, node.location(), s.text() + " is not an integer", allowed);
                return null;
            }
            if (v < min || v > max) {
                ctx.report(path, node.location(), s.text() + " is not " + what, allowed);
                return null;
            }
            return (int) v;
        }

        @Override
        public Object write(Integer v) {
            return v;
        }

        @Override
        public ObjectNode schema(SchemaBuilder schema) {
            return schema.object().put("type", "integer").put("minimum", min).put("maximum", max);
        }
    }

    /** A number in a range; {@code positive} makes the lower bound exclusive. */
    public record Decimal(double min, double max, boolean positive, String unit) implements ValueType<Double> {

        public static Decimal any(String unit) {
            return new Decimal(-1e12, 1e12, false, unit);
        }

        public static Decimal between(double min, double max, String unit) {
            return new Decimal(min, max, false, unit);
        }

        public static Decimal positive(double max, String unit) {
            return new Decimal(0, max, true, unit);
        }

        private String allowed() {
            String u = unit.isEmpty() ? "" : " " + unit;
            return (positive ? "above " + num(min) + " up to " : num(min) + " to ") + num(max) + u;
        }

        @Override
        public Double read(YamlNode node, String path, ReadContext ctx) {
            ScalarNode s = Scalars.scalar(node, path, ctx, NUMBERS, "a number", allowed());
            if (s == null) {
                return null;
            }
            double v;
            try {
                v = Double.parseDouble(s.text().replace("_", ""));
            } catch (NumberFormatException e) {
                ctx.report(path, node.location(), s.text() + " is not a number", allowed());
                return null;
            }
            if (!(positive ? v > min : v >= min) || !(v <= max)) {
                ctx.report(
                        path,
                        node.location(),
                        s.text() + (unit.isEmpty() ? "" : " " + unit) + " is out of range",
                        allowed());
                return null;
            }
            return v;
        }

        @Override
        public Object write(Double v) {
            return v;
        }

        @Override
        public ObjectNode schema(SchemaBuilder schema) {
            ObjectNode o = schema.object()
                    .put("type", "number")
                    .put(positive ? "exclusiveMinimum" : "minimum", min)
                    .put("maximum", max);
            return unit.isEmpty() ? o : o.put("x-unit", unit);
        }
    }

    /** A duration such as {@code 10s}; {@code positive} rejects {@code 0s}. */
    public record DurationType(boolean positive) implements ValueType<Duration> {
        @Override
        public Duration read(YamlNode node, String path, ReadContext ctx) {
            if (node instanceof ScalarNode s && NUMBERS.contains(s.kind())) {
                ctx.report(path, node.location(), s.text() + " has no unit", DurationText.ALLOWED);
                return null;
            }
            ScalarNode s =
                    Scalars.scalar(node, path, ctx, Set.of(ScalarKind.STRING), "a duration", DurationText.ALLOWED);
            if (s == null) {
                return null;
            }
            Duration d = DurationText.parse(s.text()).orElse(null);
            if (d == null) {
                ctx.report(path, node.location(), "'" + s.text() + "' is not a duration", DurationText.ALLOWED);
            } else if (positive && d.isZero()) {
                ctx.report(path, node.location(), "must be longer than 0", DurationText.ALLOWED);
                return null;
            }
            return d;
        }

        @Override
        public Object write(Duration v) {
            return DurationText.format(v);
        }

        @Override
        public ObjectNode schema(SchemaBuilder schema) {
            return schema.object().put("type", "string").put("pattern", DurationText.PATTERN);
        }
    }

    /** A frequency in Hz: a plain number, or text such as {@code 100Hz}, {@code 2.5kHz}, {@code 1MHz}. */
    public record Frequency(double maxHz) implements ValueType<Double> {
        private static final Pattern TEXT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(Hz|kHz|MHz)");
        static final String ALLOWED_FORM = "a number of Hz, or e.g. 100Hz, 2.5kHz, 1MHz";

        @Override
        public Double read(YamlNode node, String path, ReadContext ctx) {
            ScalarNode s = Scalars.scalar(
                    node,
                    path,
                    ctx,
                    Set.of(ScalarKind.INTEGER, ScalarKind.DECIMAL, ScalarKind.STRING),
                    "a frequency",
                    ALLOWED_FORM);
            if (s == null) {
                return null;
            }
            double hz;
            if (s.kind() == ScalarKind.STRING) {
                Matcher m = TEXT.matcher(s.text().trim());
                if (!m.matches()) {
                    ctx.report(path, node.location(), "'" + s.text() + "' is not a frequency", ALLOWED_FORM);
                    return null;
                }
                hz = Double.parseDouble(m.group(1))
                        * switch (m.group(2)) {
                            case "kHz" -> 1e3;
                            case "MHz" -> 1e6;
                            default -> 1;
                        };
            } else {
                hz = Double.parseDouble(s.text());
            }
            if (!(hz > 0 && hz <= maxHz)) {
                ctx.report(path, node.location(), s.text() + " is out of range", "above 0 up to " + num(maxHz) + " Hz");
                return null;
            }
            return hz;
        }

        @Override
        public Object write(Double v) {
            return v == Math.rint(v) ? (Object) (long) v.doubleValue() : v;
        }

        @Override
        public ObjectNode schema(SchemaBuilder schema) {
            ObjectNode o = schema.object();
            o.putArray("oneOf")
                    .add(schema.object()
                            .put("type", "number")
                            .put("exclusiveMinimum", 0)
                            .put("maximum", maxHz))
                    .add(schema.object()
                            .put("type", "string")
                            .put("pattern", "^" + TEXT.pattern().replace("\\s*", " ?") + "$"));
            return o;
        }
    }

    /** A size in bytes: a plain integer, or text such as {@code 64MiB}, {@code 500MB}. */
    public record ByteSize(long min) implements ValueType<Long> {
        private static final Pattern TEXT = Pattern.compile("([0-9]+)\\s*(B|KB|MB|GB|KiB|MiB|GiB)");
        static final String ALLOWED_FORM = "bytes, or e.g. 512KiB, 64MiB, 1GiB, 500MB";

        @Override
        public Long read(YamlNode node, String path, ReadContext ctx) {
            ScalarNode s = Scalars.scalar(
                    node, path, ctx, Set.of(ScalarKind.INTEGER, ScalarKind.STRING), "a size", ALLOWED_FORM);
            if (s == null) {
                return null;
            }
            long bytes;
            if (s.kind() == ScalarKind.STRING) {
                Matcher m = TEXT.matcher(s.text().trim());
                if (!m.matches()) {
                    ctx.report(path, node.location(), "'" + s.text() + "' is not a size", ALLOWED_FORM);
                    return null;
                }
                bytes = Long.parseLong(m.group(1))
                        * switch (m.group(2)) {
                            case "KB" -> 1_000L;
                            case "MB" -> 1_000_000L;
                            case "GB" -> 1_000_000_000L;
                            case "KiB" -> 1L << 10;
                            case "MiB" -> 1L << 20;
                            case "GiB" -> 1L << 30;
                            default -> 1L;
                        };
            } else {
                bytes = Long.parseLong(s.text());
            }
            if (bytes < min) {
                ctx.report(path, node.location(), s.text() + " is too small", "at least " + write(min));
                return null;
            }
            return bytes;
        }

        @Override
        public Object write(Long v) {
            if (v % (1L << 30) == 0) {
                return v / (1L << 30) + "GiB";
            }
            if (v % (1L << 20) == 0) {
                return v / (1L << 20) + "MiB";
            }
            return v % 1024 == 0 ? v / 1024 + "KiB" : (Object) v;
        }

        @Override
        public ObjectNode schema(SchemaBuilder schema) {
            ObjectNode o = schema.object();
            o.putArray("oneOf")
                    .add(schema.object().put("type", "integer").put("minimum", min))
                    .add(schema.object()
                            .put("type", "string")
                            .put("pattern", "^" + TEXT.pattern().replace("\\s*", " ?") + "$"));
            return o;
        }
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
