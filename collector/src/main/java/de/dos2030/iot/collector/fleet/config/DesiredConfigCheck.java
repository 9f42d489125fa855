package de.dos2030.iot.collector.fleet.config;

import de.dos2030.iot.collector.gateways.Gateway;
import de.dos2030.iot.config.ConfigException;
import de.dos2030.iot.config.ConfigProblem;
import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.yaml.Location;
import de.dos2030.iot.config.yaml.YamlNode;
import de.dos2030.iot.config.yaml.YamlSyntaxException;
import de.dos2030.iot.config.yaml.YamlTreeReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a desired gateway file with the gateway's own loader ({@link GatewayConfigLoader}, what
 * {@code firmware-config validate} runs), so the problems read exactly as there:
 * {@code <gateway>.yaml:14:16: sensors[0].i2c.address: 0x99 is not a 7-bit I2C address (allowed: 0x03-0x77)}.
 * Then the file must describe the registry's gateway: its {@code id}, {@code site.id} and {@code site.kind}.
 *
 * <p>Relative paths resolve against {@link #GATEWAY_CONFIG_DIRECTORY}, where the gateway keeps remote
 * configurations; a replay source's data file is looked for on the collector's disk, so a replay gateway's
 * file is refused unless that file exists here too (replay is for demonstrations, not remote configuration).
 * Stateless and thread-safe.
 */
public final class DesiredConfigCheck {
    /** Where a gateway keeps the configurations it receives (edge state directory, {@code config/}). */
    static final Path GATEWAY_CONFIG_DIRECTORY = Path.of("/var/lib/dos-edge-agent/config");

    private DesiredConfigCheck() {}

    /** The name problems start with, as {@code firmware-config validate <gateway>.yaml} would print. */
    public static String fileName(String gatewayId) {
        return gatewayId + ".yaml";
    }

    /** Every problem of this file for this gateway, each as {@code file:line:column: path: message}; empty when it may go. */
    public static List<String> problems(Gateway gateway, String yaml) {
        String file = fileName(gateway.id());
        GatewayConfig config;
        try {
            config = GatewayConfigLoader.loadString(yaml, GATEWAY_CONFIG_DIRECTORY, file);
        } catch (ConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        List<ConfigProblem> out = new ArrayList<>();
        if (!config.id().equals(gateway.id())) {
            out.add(new ConfigProblem(
                    file,
                    locate(yaml, "id").orElse(Location.START),
                    "id",
                    "'" + config.id() + "' is not this gateway: the registry's gateway is '" + gateway.id() + "'",
                    gateway.id()));
        }
        if (!config.site().id().equals(gateway.siteId())) {
            out.add(new ConfigProblem(
                    file,
                    locate(yaml, "site", "id").orElse(Location.START),
                    "site.id",
                    "'" + config.site().id() + "' is not this gateway's site: the registry has '" + gateway.siteId()
                            + "'",
                    gateway.siteId()));
        }
        if (config.site().kind() != gateway.siteKind()) {
            out.add(new ConfigProblem(
                    file,
                    locate(yaml, "site", "kind").orElse(Location.START),
                    "site.kind",
                    "'" + config.site().kind().wireName() + "' is not this gateway's site kind",
                    gateway.siteKind().wireName()));
        }
        return out.stream().map(ConfigProblem::toString).toList();
    }

    /** Where the value at this path of mapping keys starts, if the file has it. */
    private static Optional<Location> locate(String yaml, String... keys) {
        try {
            YamlNode node = new YamlTreeReader().read(yaml, (at, path) -> {});
            for (String key : keys) {
                if (!(node instanceof YamlNode.MapNode map) || !map.entries().containsKey(key)) {
                    return Optional.empty();
                }
                node = map.entries().get(key).value();
            }
            return Optional.of(node.location());
        } catch (YamlSyntaxException e) {
            return Optional.empty(); // the loader read it, so this does not happen
        }
    }
}
