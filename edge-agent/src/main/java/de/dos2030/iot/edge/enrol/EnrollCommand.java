package de.dos2030.iot.edge.enrol;

import de.dos2030.iot.config.ConfigException;
import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.LocationConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edge-agent enroll}: trades a one-time claim code for this gateway's credentials and writes them
 * to the credentials file. Exit 0 enrolled; 1 refused, unreachable or not written (nothing written); 2 the
 * gateway file is invalid. With {@code --config} the gateway and site ids of the file are sent along, so a
 * code issued for another gateway is refused by the collector before it is used.
 */
@Command(
        name = "enroll",
        mixinStandardHelpOptions = true,
        description = "Enrol this gateway: exchange a claim code for its credentials (written with mode 0640).")
public final class EnrollCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--collector", required = true, description = "the collector's URL, https://host[:port]")
    String collector;

    @Option(
            names = "--claim",
            required = true,
            description = "the claim code from the operator, e.g. 7KQ2-M9XD-4HTR-C0VW")
    String claim;

    @Option(
            names = "--credentials",
            defaultValue = "/etc/dos-edge-agent/credentials.properties",
            description = "where to write the credentials (default: ${DEFAULT-VALUE})")
    Path credentials;

    @Option(
            names = "--owner",
            defaultValue = "dos-edge",
            description = "USER[:GROUP] to own the file when run as root (default: ${DEFAULT-VALUE})")
    String owner;

    @Option(names = "--config", description = "the gateway file: its ids must match the claim; shows its places")
    Path config;

    @Option(names = "--ca-file", description = "PEM certificates to trust besides the system's CA store")
    Path caFile;

    @Option(names = "--insecure-http", description = "allow plain http:// to a host other than loopback")
    boolean insecureHttp;

    @Option(names = "--force", description = "replace an existing credentials file")
    boolean force;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GatewayConfig gateway = null;
        if (config != null) {
            try {
                gateway = GatewayConfigLoader.load(config);
            } catch (ConfigException e) {
                err.println(e.getMessage());
                err.println("enroll: fix the gateway file first; nothing was written");
                return 2;
            }
        }
        try {
            URI endpoint = ClaimExchange.endpoint(collector, insecureHttp);
            if (!force && Files.exists(credentials)) {
                // checked before the code is spent: a used code cannot be taken back
                throw new ClaimExchange.EnrolmentFailed(credentials.toAbsolutePath() + " exists: pass --force to"
                        + " replace it; the claim code was not used");
            }
            ClaimExchange.Answer answer = ClaimExchange.exchange(
                    endpoint,
                    claim.strip(),
                    gateway == null ? null : gateway.id(),
                    gateway == null ? null : gateway.site().id(),
                    caFile);
            CredentialsFile.Written written;
            try {
                written = CredentialsFile.write(
                        credentials, CredentialsFile.content(answer, clock.instant()), owner, force);
            } catch (IOException e) {
                throw new ClaimExchange.EnrolmentFailed("enrolled as " + answer.gatewayId() + ", but writing "
                        + credentials + " failed: " + e.getMessage() + ". The code is used now: fix the cause"
                        + " and ask the operator for a new code");
            }
            report(out, answer, written, gateway);
            return 0;
        } catch (ClaimExchange.EnrolmentFailed e) {
            err.println("enroll: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static void report(
            PrintWriter out, ClaimExchange.Answer a, CredentialsFile.Written written, GatewayConfig gateway) {
        out.println((a.reEnrolled() ? "Re-enrolled" : "Enrolled") + " as gateway " + a.gatewayId() + " at site "
                + a.siteId() + " (" + a.siteKind() + ")"
                + (a.location() == null ? "" : ", location " + a.location())
                + (a.reEnrolled() ? "; its previous token no longer works" : ""));
        out.println("Credentials written to " + written.file() + " (mode 0640, " + written.ownership() + ")");
        a.endpoints().forEach((k, v) -> out.println("Collector " + k + " endpoint: " + v));
        if (gateway == null) {
            return;
        }
        out.println("Place data from the gateway file: " + gateway.site().name()
                + gateway.site().address().map(s -> ", " + s).orElse("")
                + gateway.site().position().map(p -> " (" + p + ")").orElse(""));
        for (LocationConfig l : gateway.site().locations()) {
            out.println("  " + l.kind().wireName() + " " + l.id() + ": " + l.name()
                    + (l.id().equals(a.location()) ? "   <- the claim's location" : ""));
        }
        if (a.location() != null && gateway.site().location(a.location()).isEmpty()) {
            out.println("Note: the claim names location " + a.location() + ", which the gateway file does not list");
        }
    }
}
