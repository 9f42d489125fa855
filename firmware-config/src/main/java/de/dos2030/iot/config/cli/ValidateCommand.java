package de.dos2030.iot.config.cli;

import de.dos2030.iot.config.ConfigException;
import de.dos2030.iot.config.load.GatewayConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code validate FILE...}: every problem of every file; exit 0 when all are valid, 1 otherwise. */
@Command(name = "validate", description = "Check gateway files and print every problem as file:line:column.")
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Gateway YAML files")
    List<Path> files;

    @Override
    public Integer call() {
        int exit = 0;
        for (Path file : files) {
            try {
                GatewayConfigLoader.load(file);
                spec.commandLine().getOut().println(file + ": valid");
                spec.commandLine().getOut().flush();
            } catch (ConfigException e) {
                exit = Problems.print(spec, file, e);
            }
        }
        return exit;
    }
}
