package de.dos2030.iot.fleet;

import de.dos2030.iot.config.ConfigException;
import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.config.model.DurationText;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.edge.runtime.Agent;
import de.dos2030.iot.model.SiteKind;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fleet-harness run}: many simulated gateways in one JVM until SIGTERM (graceful stop of
 * every agent) or SIGKILL (what the chaos test does). Each member of the plan gets a configuration
 * derived from the school or bridge template, its own directory under {@code --work}
 * ({@code outbox/}, {@code state/}, {@code generated.log}, optionally {@code mqtt.properties}
 * with its broker credentials) and its own {@link Agent}. Exit codes: 0 after SIGTERM, 1 when a
 * gateway cannot start, 2 for a template the loader refuses.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run many simulated gateways in one JVM (load and fault-injection tests).")
public final class FleetCommand implements Callable<Integer> {

    @Option(
            names = "--plan",
            required = true,
            paramLabel = "FILE",
            description = "Gateways to run, one '<gateway-id> <site-id> school|bridge' per line.")
    Path plan;

    @Option(
            names = "--work",
            required = true,
            paramLabel = "DIR",
            description = "One directory per gateway under here.")
    Path work;

    @Option(
            names = "--broker",
            required = true,
            paramLabel = "URL",
            description = "MQTT broker, e.g. tcp://127.0.0.1:21884.")
    URI broker;

    @Option(
            names = "--school-template",
            paramLabel = "FILE",
            defaultValue = "firmware-config/examples/school-simulated.yaml",
            description = "Gateway file the school members are derived from (default: ${DEFAULT-VALUE}).")
    Path schoolTemplate;

    @Option(
            names = "--bridge-template",
            paramLabel = "FILE",
            defaultValue = "firmware-config/examples/bridge-simulated.yaml",
            description = "Gateway file the bridge members are derived from (default: ${DEFAULT-VALUE}).")
    Path bridgeTemplate;

    @Option(
            names = "--start-spread",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description =
                    "Start the gateways evenly over this many seconds, as a real fleet does not boot at once (default: ${DEFAULT-VALUE}).")
    double startSpreadSeconds;

    @Option(
            names = "--health-interval",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description = "Seconds between health reports of each gateway (default: ${DEFAULT-VALUE}).")
    long healthSeconds;

    @Option(
            names = "--remote-config",
            description = "Each gateway takes remote configurations: its file, with a fleet: section, is written to"
                    + " <work>/<id>/gateway.yaml and a committed remote file runs instead at the next start.")
    boolean remoteConfig;

    @Option(
            names = "--apply-watch",
            paramLabel = "DURATION",
            defaultValue = "20s",
            description = "With --remote-config: fleet.apply-watch of each gateway (default: ${DEFAULT-VALUE}).")
    String applyWatch;

    @Option(
            names = "--drain",
            description = "Start no sensors: only send what the outboxes hold, exit when they are empty.")
    boolean drain;

    @Option(
            names = "--drain-timeout",
            paramLabel = "SECONDS",
            defaultValue = "180",
            description = "With --drain: give up (exit 1) after this many seconds (default: ${DEFAULT-VALUE}).")
    long drainTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (drain) {
            return drainAll();
        }
        PrintStream out = System.out;
        if (remoteConfig && DurationText.parse(applyWatch).isEmpty()) {
            System.err.println("--apply-watch " + applyWatch + ": expected " + DurationText.ALLOWED);
            return 2;
        }
        FleetPlan members = FleetPlan.read(plan);
        GatewayConfig school;
        GatewayConfig bridge;
        try {
            school = GatewayConfigLoader.load(schoolTemplate);
            bridge = GatewayConfigLoader.load(bridgeTemplate);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        List<Agent> agents = Collections.synchronizedList(new ArrayList<>());
        List<GenerationLog> logs = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            List<Agent> all;
                            synchronized (agents) {
                                all = List.copyOf(agents);
                            }
                            all.parallelStream().forEach(Agent::close);
                            synchronized (logs) {
                                logs.forEach(l -> {
                                    try {
                                        l.close();
                                    } catch (Exception ignored) {
                                        // the process is ending; the log's lines are already written
                                    }
                                });
                            }
                            out.printf("fleet: stopped %d gateways gracefully%n", all.size());
                            out.flush();
                            stopped.countDown();
                        },
                        "fleet-shutdown"));

        long spreadNanos = (long) (startSpreadSeconds * 1e9);
        long t0 = System.nanoTime();
        int n = members.members().size();
        for (FleetPlan.Member m : members.members()) {
            long due = t0 + (n <= 1 ? 0 : spreadNanos * m.index() / n);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            Path dir = work.resolve(m.gatewayId()).toAbsolutePath();
            GatewayConfig config =
                    GatewayDerivation.derive(m.kind() == SiteKind.SCHOOL ? school : bridge, m, broker, dir);
            try {
                GenerationLog log = new GenerationLog(dir, Clock.systemUTC());
                logs.add(log);
                Agent agent = start(config, dir);
                log.attach(agent.outbox(), dir);
                agents.add(agent);
                agent.start();
            } catch (Exception e) {
                System.err.printf("fleet: gateway %s did not start: %s%n", m.gatewayId(), e);
                return 1;
            }
        }
        out.printf(
                "fleet: %d gateways started at %s (%d school, %d bridge), broker %s%n",
                n,
                Instant.now(),
                members.members().stream()
                        .filter(m -> m.kind() == SiteKind.SCHOOL)
                        .count(),
                members.members().stream()
                        .filter(m -> m.kind() == SiteKind.BRIDGE)
                        .count(),
                broker);
        out.flush();
        stopped.await();
        return 0;
    }

    private Agent start(GatewayConfig derived, Path dir) throws Exception {
        Duration watch = DurationText.parse(applyWatch).orElseThrow();
        Agent.Options options = new Agent.Options(Duration.ofSeconds(healthSeconds), dir.resolve("state"));
        if (!remoteConfig) {
            return new Agent(derived, "fleet", options);
        }
        RemoteStart r = RemoteStart.prepare(derived, dir, options.stateDir(), watch);
        return new Agent(r.config(), r.version(), options, r.remote());
    }

    private int drainAll() throws Exception {
        FleetPlan members = FleetPlan.read(plan);
        GatewayConfig school = GatewayConfigLoader.load(schoolTemplate);
        GatewayConfig bridge = GatewayConfigLoader.load(bridgeTemplate);
        var executor = java.util.concurrent.Executors.newScheduledThreadPool(4, r -> {
            Thread t = new Thread(r, "drain");
            t.setDaemon(true);
            return t;
        });
        List<Drainer> drainers = new ArrayList<>();
        for (FleetPlan.Member m : members.members()) {
            Path dir = work.resolve(m.gatewayId()).toAbsolutePath();
            Drainer d = new Drainer(
                    GatewayDerivation.derive(m.kind() == SiteKind.SCHOOL ? school : bridge, m, broker, dir),
                    dir,
                    executor);
            drainers.add(d);
            d.start();
        }
        long deadline = System.nanoTime() + drainTimeoutSeconds * 1_000_000_000L;
        long depth;
        while ((depth = drainers.stream().mapToLong(Drainer::depth).sum()) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        drainers.forEach(Drainer::close);
        System.out.printf("fleet: drained %d gateways, %d batches left%n", drainers.size(), depth);
        return depth == 0 ? 0 : 1;
    }
}
