package de.dos2030.iot.config.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.dos2030.iot.config.definition.GatewayFile;
import de.dos2030.iot.config.definition.SchemaBuilder;

/**
 * The JSON Schema (draft 2020-12) of the gateway file, generated from the same declarations the
 * loader reads with ({@link GatewayFile}), so it cannot drift from the loader. It checks the
 * file's structure, types, ranges and formats; rules across values (duplicate ids, address and
 * pin clashes, rule quantities, replay files on disk) are the loader's alone.
 */
public final class GatewaySchema {

    public static final String ID = "https://dos2030.de/schemas/iot/gateway-config.schema.json";

    private GatewaySchema() {}

    public static ObjectNode build() {
        SchemaBuilder b = new SchemaBuilder();
        ObjectNode rootRef = GatewayFile.Root.SECTION.schema(b);
        ObjectNode schema = b.object();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", ID);
        schema.put("title", "DOS IoT gateway configuration");
        schema.put("description", GatewayFile.Root.SECTION.description());
        schema.put("$ref", rootRef.get("$ref").asText());
        ObjectNode defs = schema.putObject("$defs");
        b.definitions().forEach(defs::set);
        return schema;
    }

    /** The schema as indented JSON. */
    public static String json() {
        try {
            return new SchemaBuilder()
                    .mapper()
                    .copy()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(build());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the schema tree is always serialisable", e);
        }
    }
}
