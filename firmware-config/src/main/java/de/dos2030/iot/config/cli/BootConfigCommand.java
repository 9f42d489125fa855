package de.dos2030.iot.config.cli;

import de.dos2030.iot.config.ConfigException;
import de.dos2030.iot.config.boot.BootConfig;
import de.dos2030.iot.config.load.GatewayConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code boot-config FILE}: the config.txt lines the file's wiring needs; exit 1 if the file is invalid. */
@Command(name = "boot-config", description = "Print the /boot/firmware/config.txt lines the wired sensors need.")
final class BootConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Gateway YAML file")
    Path file;

    @Override
    public Integer call() {
        try {
            spec.commandLine().getOut().print(BootConfig.render(GatewayConfigLoader.load(file)));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (ConfigException e) {
            return Problems.print(spec, file, e);
        }
    }
}
