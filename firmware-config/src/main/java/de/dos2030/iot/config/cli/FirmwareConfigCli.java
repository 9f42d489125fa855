package de.dos2030.iot.config.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code firmware-config}: validate gateway files, print their JSON Schema, the Pi boot config
 * they need, or a readable summary. Exit codes: 0 success, 1 invalid file, 2 usage error.
 */
@Command(
        name = "firmware-config",
        mixinStandardHelpOptions = true,
        version = "firmware-config 0.1.0",
        description = "Tools for DOS IoT gateway configuration files.",
        subcommands = {
            ValidateCommand.class,
            SchemaCommand.class,
            BootConfigCommand.class,
            ExplainCommand.class,
            CommandLine.HelpCommand.class
        })
public final class FirmwareConfigCli {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI with these arguments and returns its exit code (for tests and embedding). */
    public static int run(String... args) {
        return new CommandLine(new FirmwareConfigCli()).execute(args);
    }
}
