package de.dos2030.iot.edge.cli;

import de.dos2030.iot.edge.cli.replay.ReplayCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code edge-agent} command line: technician tools on the gateway. */
@Command(
        name = "edge-agent",
        mixinStandardHelpOptions = true,
        version = "edge-agent 0.1.0",
        subcommands = {
            ProbeCommand.class,
            WatchCommand.class,
            ReplayCommand.class,
            de.dos2030.iot.edge.runtime.RunCommand.class,
            de.dos2030.iot.edge.history.HistoryCommand.class,
            de.dos2030.iot.edge.update.ReleaseCommand.class,
            de.dos2030.iot.edge.enrol.EnrollCommand.class
        },
        description = "DOS IoT gateway agent.")
public final class EdgeAgentCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line with case-insensitive enum values (fault names), for main and tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new EdgeAgentCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .registerConverter(
                        TechnicianSession.SimFault.class,
                        s -> TechnicianSession.SimFault.valueOf(
                                s.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_')));
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
