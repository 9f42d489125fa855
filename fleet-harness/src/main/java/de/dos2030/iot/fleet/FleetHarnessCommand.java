package de.dos2030.iot.fleet;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fleet-harness} command line: {@code run} a simulated fleet, {@code verify} what it
 * generated. Used by scripts/load-test.sh, chaos-test.sh and two-collectors-test.sh; never on a
 * gateway.
 */
@Command(
        name = "fleet-harness",
        mixinStandardHelpOptions = true,
        version = "fleet-harness 0.1.0",
        subcommands = {FleetCommand.class, FleetVerifyCommand.class},
        description = "Load and fault-injection harness for the DOS IoT edge agent.")
public final class FleetHarnessCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new FleetHarnessCommand()).execute(args));
    }
}
