package de.dos2030.iot.edge.cli.replay;

import de.dos2030.iot.config.ConfigException;
import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.config.model.GatewayConfig;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code edge-agent replay}: runs a gateway file with replay sources through the full pipeline
 * without any uplink and prints what it emits, so that engineers tune limits on recorded data
 * before deploying them.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Run a gateway file's replay sources through filters, features and rules, without uplink,",
            "and print every reading, window feature and alert event (jsonl) or a summary (table)."
        },
        footer = {
            "",
            "Examples:",
            "  edge-agent replay --config firmware-config/examples/school-replay.yaml --output table",
            "  edge-agent replay --config bridge-replay.yaml --from 2022-04-11T06:40:00Z --to 2022-04-11T06:45:00Z"
                    + " | jq 'select(.type==\"alert\")'",
            "",
            "Exit codes: 0 done, 1 the replay failed, 2 bad options or gateway file."
        })
public final class ReplayCommand implements Callable<Integer> {

    enum Format {
        JSONL,
        TABLE
    }

    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "gateway file (YAML) whose sensors replay recorded files")
    Path config;

    @Option(
            names = "--speed",
            paramLabel = "N|max",
            defaultValue = "max",
            description =
                    "recorded seconds per second (above 0 up to 1000), or max: as fast as the CPU allows (default)")
    String speed;

    @Option(
            names = "--from",
            paramLabel = "T",
            description =
                    "first recorded time to process: ISO-8601 instant or offset date-time; a bare local date-time is UTC")
    String from;

    @Option(
            names = "--to",
            paramLabel = "T",
            description = "recorded time to stop at (exclusive), same forms as --from")
    String to;

    @Option(
            names = "--output",
            paramLabel = "jsonl|table",
            defaultValue = "jsonl",
            converter = FormatConverter.class,
            description =
                    "jsonl: one shared-model JSON object per line with a type field (default); table: a readable summary")
    Format output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ReplayRun.Options options;
        GatewayConfig gateway;
        try {
            options = new ReplayRun.Options(parseSpeed(speed), time("--from", from), time("--to", to));
            gateway = GatewayConfigLoader.load(config);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            if (output == Format.TABLE) {
                TableSummary table = new TableSummary();
                ReplayRun.Coverage coverage = ReplayRun.run(gateway, options, table, table);
                table.print(out, coverage);
            } else {
                try (JsonLinesOutput jsonl = new JsonLinesOutput(out)) {
                    ReplayRun.run(gateway, options, jsonl, null);
                }
                out.flush();
            }
        } catch (IllegalArgumentException e) {
            err.println(config + ": " + e.getMessage());
            return 2;
        } catch (java.io.IOException e) {
            err.println("replay failed: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    static Optional<Double> parseSpeed(String text) {
        if (text.equalsIgnoreCase("max")) {
            return Optional.empty();
        }
        try {
            double v = Double.parseDouble(text);
            if (!(v > 0 && v <= ReplayRun.MAX_SPEED)) {
                throw new NumberFormatException();
            }
            return Optional.of(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--speed '" + text + "' is not a speed (allowed: a number above 0 up to "
                    + (int) ReplayRun.MAX_SPEED + ", or max)");
        }
    }

    static Optional<Instant> time(String option, String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException notInstant) {
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException notOffset) {
                try {
                    return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(option + " '" + text + "' is not a time (allowed: e.g."
                            + " 2015-02-05T08:00:00Z, 2015-02-05T09:00+01:00, 2015-02-05T08:00 for UTC)");
                }
            }
        }
    }

    /** Accepts jsonl and table in any case. */
    static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not an output format (allowed: jsonl, table)");
            }
        }
    }

    /** Runs the command on its own (the agent registers it as a subcommand of edge-agent). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ReplayCommand())
                .setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false))
                .execute(args));
    }
}
