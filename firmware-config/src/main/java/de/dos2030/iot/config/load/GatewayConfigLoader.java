package de.dos2030.iot.config.load;

import de.dos2030.iot.config.ConfigException;
import de.dos2030.iot.config.ConfigProblem;
import de.dos2030.iot.config.definition.Fields;
import de.dos2030.iot.config.definition.GatewayFile;
import de.dos2030.iot.config.definition.ReadContext;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.yaml.Location;
import de.dos2030.iot.config.yaml.YamlNode;
import de.dos2030.iot.config.yaml.YamlSyntaxException;
import de.dos2030.iot.config.yaml.YamlTreeReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The entry point for reading a gateway file. Reports every problem of a file at once, each as
 * {@code file:line:column: path: message (allowed: ...)}; a returned {@link GatewayConfig} is
 * complete (defaults filled, relative paths resolved against the file's directory) and valid.
 * Replay files are checked on disk. Stateless and thread-safe.
 */
public final class GatewayConfigLoader {

    private GatewayConfigLoader() {}

    /**
     * Loads and validates a gateway file.
     *
     * @throws ConfigException with every problem, when the file cannot be read or is not valid
     */
    public static GatewayConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(
                    file.toString(),
                    Location.START,
                    "",
                    "cannot read the file: " + e.getClass().getSimpleName() + " " + e.getMessage(),
                    null)));
        }
        Path dir = file.toAbsolutePath().getParent();
        return loadString(text, dir, file.toString());
    }

    /**
     * Loads a gateway file's text, e.g. in tests.
     *
     * @param baseDirectory what relative paths (outbox, replay files, credentials) resolve against
     * @param fileName      the name problems start with
     * @throws ConfigException with every problem
     */
    public static GatewayConfig loadString(String yaml, Path baseDirectory, String fileName) throws ConfigException {
        ReadContext ctx =
                new ReadContext(fileName, baseDirectory.toAbsolutePath().normalize());
        YamlNode root;
        try {
            root = new YamlTreeReader()
                    .read(
                            yaml,
                            (at, path) -> ctx.report(
                                    path,
                                    at,
                                    "duplicate key '" + path.substring(path.lastIndexOf('.') + 1) + "'",
                                    "each key once per mapping"));
        } catch (YamlSyntaxException e) {
            ctx.report(
                    "",
                    e.location(),
                    "not valid YAML: "
                            + String.join(
                                    "; ",
                                    e.getMessage()
                                            .lines()
                                            .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                                            .toList()));
            throw new ConfigException(ctx.problems());
        }
        Fields fields = GatewayFile.Root.SECTION.read(root, "", ctx);
        GatewayConfig config = fields == null ? null : new GatewayBinder(ctx).bind(fields);
        if (ctx.hasProblems() || config == null) {
            throw new ConfigException(ctx.problems());
        }
        return config;
    }

    /** Every problem of the file; empty when it loads. */
    public static List<ConfigProblem> validate(Path file) {
        try {
            load(file);
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }
}
