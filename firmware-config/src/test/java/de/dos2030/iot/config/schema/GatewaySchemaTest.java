package de.dos2030.iot.config.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import de.dos2030.iot.config.TestFiles;
import de.dos2030.iot.config.definition.GatewayFile;
import de.dos2030.iot.config.definition.Key;
import de.dos2030.iot.config.definition.SensorFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The generated JSON Schema, checked by an independent validator against examples and broken files. */
class GatewaySchemaTest {

    private static final JsonSchema SCHEMA =
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(GatewaySchema.build());
    private static final YAMLMapper YAML = new YAMLMapper();

    static List<Path> examples() {
        return TestFiles.examples();
    }

    static List<Path> brokenFiles() {
        return TestFiles.broken();
    }

    private static Set<ValidationMessage> validate(Path file) throws IOException {
        return SCHEMA.validate(YAML.readTree(file.toFile()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void acceptsEveryExample(Path file) throws IOException {
        assertThat(validate(file)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void rejectsEachStructurallyBrokenFileAndLeavesCrossValueRulesToTheLoader(Path file) throws IOException {
        List<String> verdict = TestFiles.header(file, "# schema: ");
        assertThat(verdict)
                .as("each broken file says whether the schema can see its fault")
                .hasSize(1);
        if (verdict.get(0).equals("reject")) {
            Set<ValidationMessage> messages;
            try {
                messages = validate(file);
            } catch (IOException notYaml) {
                return; // an editor cannot parse it either
            }
            assertThat(messages).as("schema problems in " + file).isNotEmpty();
        } else {
            assertThat(verdict.get(0)).isEqualTo("accept");
            assertThat(validate(file))
                    .as("a rule across values is beyond JSON Schema")
                    .isEmpty();
        }
    }

    @Test
    void isItselfAValidDraft202012Schema() throws IOException {
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(java.net.URI.create("https://json-schema.org/draft/2020-12/schema"));
        JsonNode schema = new ObjectMapper().readTree(GatewaySchema.json());
        assertThat(meta.validate(schema)).isEmpty();
    }

    @Test
    void publishesEveryDeclaredKeyWithItsDescriptionAndDefault() throws IOException {
        JsonNode defs = new ObjectMapper().readTree(GatewaySchema.json()).get("$defs");
        for (Key<?> key : SensorFile.SECTION.keys()) {
            JsonNode property = defs.get("sensor").get("properties").get(key.name());
            assertThat(property).as(key.name()).isNotNull();
            assertThat(property.get("description").asText()).isEqualTo(key.description());
        }
        assertThat(defs.get("batching")
                        .get("properties")
                        .get("max-age")
                        .get("default")
                        .asText())
                .isEqualTo("10s");
        assertThat(defs.get("outbox")
                        .get("properties")
                        .get("max-size")
                        .get("default")
                        .asText())
                .isEqualTo("64MiB");
        assertThat(defs.get("gateway").get("required"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(GatewayFile.Root.SECTION.keys().stream()
                        .filter(Key::isRequired)
                        .map(Key::name)
                        .toArray(String[]::new));
    }
}
