package de.dos2030.iot.config.cli;

import de.dos2030.iot.config.ConfigException;
import de.dos2030.iot.config.explain.Explanation;
import de.dos2030.iot.config.load.GatewayConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code explain FILE}: a readable summary with defaults filled in; exit 1 if the file is invalid. */
@Command(name = "explain", description = "Summarise a gateway file: sensors, wiring, sample rates, rules, outputs.")
final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Gateway YAML file")
    Path file;

    @Override
    public Integer call() {
        try {
            spec.commandLine().getOut().print(Explanation.render(GatewayConfigLoader.load(file)));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (ConfigException e) {
            return Problems.print(spec, file, e);
        }
    }
}
