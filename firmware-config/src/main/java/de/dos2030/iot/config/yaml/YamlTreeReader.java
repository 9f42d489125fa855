package de.dos2030.iot.config.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Reads YAML text into a {@link YamlNode} tree with token locations, using Jackson's streaming
 * YAML parser. Duplicate keys are not an error of the syntax but of the file: they go to the
 * {@code duplicateKey} callback and the first value wins. Stateless and thread-safe.
 */
public final class YamlTreeReader {

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    /**
     * Parses one YAML document. An empty text gives a null scalar at 1:1.
     *
     * @param duplicateKey called with the location of each repeated key and its path, e.g. {@code sensors[0].driver}
     * @throws YamlSyntaxException when the text is not YAML
     */
    public YamlNode read(String text, BiConsumer<Location, String> duplicateKey) throws YamlSyntaxException {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new YamlNode.ScalarNode(Location.START, "", YamlNode.ScalarKind.NULL);
            }
            YamlNode root = node(p, "", duplicateKey);
            if (p.nextToken() != null) {
                throw new YamlSyntaxException(
                        at(p.currentTokenLocation()), "only one YAML document per gateway file", null);
            }
            return root;
        } catch (JsonProcessingException e) {
            Location where = e.getLocation() == null ? Location.START : at(e.getLocation());
            throw new YamlSyntaxException(where, e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new YamlSyntaxException(Location.START, e.getMessage(), e);
        }
    }

    private YamlNode node(JsonParser p, String path, BiConsumer<Location, String> duplicateKey)
            throws IOException, YamlSyntaxException {
        Location where = at(p.currentTokenLocation());
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    Location keyAt = at(p.currentTokenLocation());
                    p.nextToken();
                    String keyPath = path.isEmpty() ? key : path + "." + key;
                    YamlNode value = node(p, keyPath, duplicateKey);
                    if (entries.containsKey(key)) {
                        duplicateKey.accept(keyAt, keyPath);
                    } else {
                        entries.put(key, new YamlNode.Entry(keyAt, value));
                    }
                }
                return new YamlNode.MapNode(where, entries);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(node(p, path + "[" + items.size() + "]", duplicateKey));
                }
                return new YamlNode.SeqNode(where, items);
            }
            case VALUE_STRING -> {
                return new YamlNode.ScalarNode(where, p.getText(), YamlNode.ScalarKind.STRING);
            }
            case VALUE_NUMBER_INT -> {
                return new YamlNode.ScalarNode(where, p.getText(), YamlNode.ScalarKind.INTEGER);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new YamlNode.ScalarNode(where, p.getText(), YamlNode.ScalarKind.DECIMAL);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new YamlNode.ScalarNode(where, p.getText(), YamlNode.ScalarKind.BOOLEAN);
            }
            case VALUE_NULL -> {
                return new YamlNode.ScalarNode(where, "", YamlNode.ScalarKind.NULL);
            }
            default -> throw new YamlSyntaxException(where, "unexpected YAML token " + t, null);
        }
    }

    private static Location at(JsonLocation l) {
        return new Location(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }
}
