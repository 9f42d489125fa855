package de.dos2030.iot.config.definition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import de.dos2030.iot.config.yaml.Location;
import de.dos2030.iot.config.yaml.YamlNode;
import de.dos2030.iot.config.yaml.YamlNode.ScalarKind;
import de.dos2030.iot.config.yaml.YamlNode.ScalarNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Text-like value types: fixed words, free text, ids, enums, paths and URLs. */
public final class Scalars {

    private Scalars() {}

    /** The scalar at {@code node} when it is one of {@code kinds}; otherwise reports and returns null. */
    static ScalarNode scalar(
            YamlNode node, String path, ReadContext ctx, Set<ScalarKind> kinds, String expected, String allowed) {
        if (node instanceof ScalarNode s && kinds.contains(s.kind())) {
            return s;
        }
        ctx.report(path, node.location(), "expected " + expected + ", got " + node.describe(), allowed);
        return null;
    }

    /** A fixed word, used for the {@code kind} of union variants. */
    public record Const(String value) implements ValueType<String> {
        @Override
        public String read(YamlNode node, String path, ReadContext ctx) {
            ScalarNode s = scalar(node, path, ctx, Set.of(ScalarKind.STRING), "'" + value + "'", value);
            if (s != null && !s.text().equals(value)) {
                ctx.report(path, node.location(), "expected '" + value + "', got '" + s.text() + "'", value);
                return null;
            }
            return s == null ? null : value;
        }

        @Override
        public Object write(String v) {
            return v;
        }

        @Override
        public ObjectNode schema(SchemaBuilder schema) {
            return schema.object().put("const", value);
        }
    }

    /** Text, optionally matching a pattern (ids). Numbers must be quoted, as in JSON. */
    public record Text(Pattern pattern, String what, String allowed, int maxLength) implements ValueType<String> {

        public static Text free(int maxLength) {
            return new Text(null, "text", null, maxLength);
        }

        public static Text matching(Pattern pattern, String what, String allowed) {
            return new Text(pattern, what, allowed, 64);
        }

        @Override
        public String read(YamlNode node, String path, ReadContext ctx) {
            ScalarNode s =
                    scalar(node, path, ctx, Set.of(ScalarKind.STRING), what, allowed == null ? "quoted text" : allowed);
            if (s == null) {
                return null;
            }
            if (s.text().isBlank() || s.text().length() > maxLength) {
                ctx.report(path, node.location(), "must be 1-" + maxLength + " characters", allowed);
                return null;
            }
            if (pattern != null && !pattern.matcher(s.text()).matches()) {
                ctx.report(path, node.location(), "'" + s.text() + "' is not " + what, allowed);
                return null;
            }
            return s.text();
        }

        @Override
        public Object write(String v) {
            return v;
        }

        @Override
        public ObjectNode schema(SchemaBuilder schema) {
            ObjectNode o =
                    schema.object().put("type", "string").put("minLength", 1).put("maxLength", maxLength);
            if (pattern != null) {
                o.put("pattern", "^" + pattern.pattern() + "$");
            }
            return o;
        }
    }

    /** One of an enum's wire names. */
    public static final class EnumType<E extends Enum<E>> implements ValueType<E> {
        private final Map<String, E> byName = new LinkedHashMap<>();
        private final Function<E, String> wireName;

        public EnumType(Class<E> type, Function<E, String> wireName) {
            this.wireName = wireName;
            Arrays.stream(type.getEnumConstants()).forEach(e -> byName.put(wireName.apply(e), e));
        }

        public String allowed() {
            return String.join(", ", byName.keySet());
        }

        E parse(String text, String path, Location location, ReadContext ctx) {
            E e = byName.get(text);
            if (e == null) {
                String hint = Suggestions.closest(text, byName.keySet())
                        .map(s -> ", did you mean '" + s + "'?")
                        .orElse("");
                ctx.report(path, location, "unknown value '" + text + "'" + hint, allowed());
            }
            return e;
        }

        @Override
        public E read(YamlNode node, String path, ReadContext ctx) {
            ScalarNode s = scalar(node, path, ctx, Set.of(ScalarKind.STRING), "one of " + allowed(), allowed());
            return s == null ? null : parse(s.text(), path, node.location(), ctx);
        }

        @Override
        public Object write(E v) {
            return wireName.apply(v);
        }

        @Override
        public ObjectNode schema(SchemaBuilder schema) {
            ObjectNode o = schema.object().put("type", "string");
            byName.keySet().forEach(o.putArray("enum")::add);
            return o;
        }
    }

    /** A file or directory; relative paths resolve against the config file's directory. */
    public record PathType(String what) implements ValueType<Path> {
        @Override
        public Path read(YamlNode node, String path, ReadContext ctx) {
            ScalarNode s = scalar(node, path, ctx, Set.of(ScalarKind.STRING), "a path to " + what, null);
            if (s == null) {
                return null;
            }
            if (s.text().isBlank()) {
                ctx.report(path, node.location(), "the path to " + what + " is empty");
                return null;
            }
            Path p = Path.of(s.text());
            return (p.isAbsolute() ? p : ctx.baseDirectory().resolve(p)).normalize();
        }

        @Override
        public Object write(Path v) {
            return v.toString();
        }

        @Override
        public ObjectNode schema(SchemaBuilder schema) {
            return schema.object().put("type", "string").put("minLength", 1);
        }
    }

    /** A URL with one of the given schemes. */
    public record UriType(Set<String> schemes) implements ValueType<URI> {
        @Override
        public URI read(YamlNode node, String path, ReadContext ctx) {
            String allowed = String.join(", ", schemes.stream().sorted().toList());
            ScalarNode s = scalar(node, path, ctx, Set.of(ScalarKind.STRING), "a URL", "scheme://host:port");
            if (s == null) {
                return null;
            }
            try {
                URI uri = new URI(s.text());
                if (uri.getScheme() == null || !schemes.contains(uri.getScheme())) {
                    ctx.report(path, node.location(), "'" + s.text() + "' has no known scheme", allowed);
                    return null;
                }
                if (uri.getHost() == null) {
                    ctx.report(path, node.location(), "'" + s.text() + "' names no host", "scheme://host:port");
                    return null;
                }
                return uri;
            } catch (URISyntaxException e) {
                ctx.report(
                        path,
                        node.location(),
                        "'" + s.text() + "' is not a URL: " + e.getReason(),
                        "scheme://host:port");
                return null;
            }
        }

        @Override
        public Object write(URI v) {
            return v.toString();
        }

        @Override
        public ObjectNode schema(SchemaBuilder schema) {
            return schema.object()
                    .put("type", "string")
                    .put("pattern", "^(" + schemes.stream().sorted().collect(Collectors.joining("|")) + ")://[^/:]+");
        }
    }

    /** An IANA time zone id ({@code Europe/Berlin}); fixed offsets such as {@code +01:00} have no DST and are refused. */
    public record ZoneType() implements ValueType<java.time.ZoneId> {
        static final String ALLOWED = "an IANA time zone such as Europe/Berlin or UTC";

        @Override
        public java.time.ZoneId read(YamlNode node, String path, ReadContext ctx) {
            ScalarNode s = scalar(node, path, ctx, Set.of(ScalarKind.STRING), "a time zone", ALLOWED);
            if (s == null) {
                return null;
            }
            Set<String> zones = java.time.ZoneId.getAvailableZoneIds();
            if (!zones.contains(s.text())) {
                String hint = Suggestions.closest(s.text(), zones)
                        .map(z -> ", did you mean '" + z + "'?")
                        .orElse("");
                ctx.report(path, node.location(), "unknown time zone '" + s.text() + "'" + hint, ALLOWED);
                return null;
            }
            return java.time.ZoneId.of(s.text());
        }

        @Override
        public Object write(java.time.ZoneId v) {
            return v.getId();
        }

        @Override
        public ObjectNode schema(SchemaBuilder schema) {
            return schema.object().put("type", "string").put("pattern", "^[A-Za-z][A-Za-z0-9_+/-]{1,63}$");
        }
    }
}
