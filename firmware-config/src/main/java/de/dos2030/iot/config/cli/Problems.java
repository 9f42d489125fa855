package de.dos2030.iot.config.cli;

import de.dos2030.iot.config.ConfigException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** Prints a file's problems to stderr and gives the "invalid file" exit code. */
final class Problems {

    static final int INVALID = 1;

    private Problems() {}

    static int print(CommandSpec spec, Path file, ConfigException e) {
        e.problems().forEach(p -> spec.commandLine().getErr().println(p));
        spec.commandLine()
                .getErr()
                .println(file + ": " + e.problems().size() + " problem"
                        + (e.problems().size() == 1 ? "" : "s"));
        spec.commandLine().getErr().flush();
        return INVALID;
    }
}
