package de.dos2030.iot.config.cli;

import de.dos2030.iot.config.schema.GatewaySchema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code schema}: prints the gateway file's JSON Schema. */
@Command(name = "schema", description = "Print the JSON Schema of gateway files (for editors).")
final class SchemaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(GatewaySchema.json());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
