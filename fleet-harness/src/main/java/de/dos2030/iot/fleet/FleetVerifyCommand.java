package de.dos2030.iot.fleet;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fleet-harness verify}: after a fleet ran, compares each gateway's generation log with
 * InfluxDB (every journaled reading stored exactly once: the per-gateway count of stored reading
 * values equals the readings the gateway journaled) and, with {@code --webhook-log}, the alert
 * events with a subscriber's deliveries. Prints a summary, the latency from a batch's newest
 * edge timestamp to the gateway holding the collector's "stored in InfluxDB" answer, and exits
 * 0 when nothing is missing, duplicated, evicted, dead-lettered or still waiting; 1 otherwise.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Check a fleet run: readings generated vs stored in InfluxDB, alerts vs webhook deliveries.")
public final class FleetVerifyCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--work", required = true, paramLabel = "DIR", description = "The fleet's --work directory.")
    Path work;

    @Option(
            names = "--influx",
            required = true,
            paramLabel = "URL",
            description = "InfluxDB v1 API, e.g. http://127.0.0.1:28086.")
    URI influx;

    @Option(names = "--database", defaultValue = "dos", description = "InfluxDB database (default: ${DEFAULT-VALUE}).")
    String database;

    @Option(
            names = "--webhook-log",
            paramLabel = "FILE",
            description = "The webhook receiver's log: check alert deliveries too.")
    Path webhookLog;

    @Option(
            names = "--show",
            defaultValue = "20",
            description = "List at most this many mismatching gateways (default: ${DEFAULT-VALUE}).")
    int show;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        List<GenerationRecord> gateways = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(work)) {
            for (Path dir : dirs.sorted().toList()) {
                Path log = dir.resolve(GenerationLog.FILE);
                if (Files.isRegularFile(log)) {
                    gateways.add(GenerationRecord.read(dir.getFileName().toString(), log));
                }
            }
        }
        InfluxCounts influxCounts = new InfluxCounts(influx, database);
        Map<String, Long> stored = influxCounts.readingsPerGateway();
        Map<String, Long> alertsStored = influxCounts.alertsPerGateway();
        Map<String, Long> quarantined = influxCounts.quarantinedPerGateway();

        long generated = 0, inInflux = 0, missing = 0, extra = 0, evicted = 0, dead = 0, waiting = 0, boots = 0;
        long alertEvents = 0, alertsInInflux = 0, alertsMissing = 0, quarantinedTotal = 0;
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        List<Long> latencies = new ArrayList<>();
        List<Long> closeToStored = new ArrayList<>();
        long crossBoot = 0;
        List<String> mismatches = new ArrayList<>();
        for (GenerationRecord g : gateways) {
            long gen = g.readingsJournaled();
            long got = stored.getOrDefault(g.gatewayId(), 0L);
            long alerts = g.journaled().values().stream()
                    .mapToLong(j -> j.alerts().size())
                    .sum();
            long alertsGot = alertsStored.getOrDefault(g.gatewayId(), 0L);
            generated += gen;
            inInflux += got;
            missing += Math.max(0, gen - got);
            extra += Math.max(0, got - gen);
            evicted += g.readingsReleased("EVICTED");
            dead += g.readingsReleased("DEAD_LETTERED");
            waiting += g.batchesWaiting();
            boots += g.boots().size();
            alertEvents += alerts;
            alertsInInflux += alertsGot;
            alertsMissing += Math.max(0, alerts - alertsGot);
            quarantinedTotal += quarantined.getOrDefault(g.gatewayId(), 0L);
            if (gen != got || alerts != alertsGot || g.batchesWaiting() > 0) {
                mismatches.add(String.format(
                        "  %-24s boots %d  readings journaled %d, in InfluxDB %d (%+d); alerts %d, in InfluxDB %d; batches waiting %d",
                        g.gatewayId(), g.boots().size(), gen, got, got - gen, alerts, alertsGot, g.batchesWaiting()));
            }
            for (GenerationRecord.Journaled j : g.journaled().values()) {
                if (j.readings() > 0) {
                    first = Math.min(first, j.createdAtMs());
                    last = Math.max(last, j.createdAtMs());
                }
                GenerationRecord.Released r = g.released().get(j.identity());
                if (r != null && r.reason().equals("STORED") && j.newestReadingMs() >= 0) {
                    if (r.sameBoot()) {
                        latencies.add(r.atMs() - j.newestReadingMs());
                        closeToStored.add(r.atMs() - j.createdAtMs());
                    } else {
                        crossBoot++;
                    }
                }
            }
        }
        double seconds = last > first ? (last - first) / 1000.0 : Double.NaN;
        out.printf(
                "fleet-verify: %d gateways, %d boots, batches journaled %d%n",
                gateways.size(),
                boots,
                gateways.stream().mapToLong(g -> g.journaled().size()).sum());
        out.printf(
                "readings   generated (journaled) %d  in InfluxDB %d  missing %d  extra %d  evicted %d  dead-lettered %d  quarantined %d%n",
                generated, inInflux, missing, extra, evicted, dead, quarantinedTotal);
        out.printf(
                "rate       %.0f readings/s journaled over %.0f s (first to last batch)%n",
                generated / seconds, seconds);
        out.printf(
                "alerts     events journaled %d  in InfluxDB %d  missing %d%n",
                alertEvents, alertsInInflux, alertsMissing);
        out.printf("outboxes   batches still waiting %d%n", waiting);
        if (!latencies.isEmpty()) {
            printLatency(out, "newest edge timestamp -> stored answer", latencies);
            printLatency(out, "batch closed -> stored answer        ", closeToStored);
            out.printf(
                    "           (%d batches with readings stored only after a restart or by the drain are left out of these figures)%n",
                    crossBoot);
        }
        mismatches.stream().limit(show).forEach(out::println);
        if (mismatches.size() > show) {
            out.printf("  ... and %d more gateways%n", mismatches.size() - show);
        }
        boolean ok = missing == 0 && extra == 0 && evicted == 0 && dead == 0 && waiting == 0 && alertsMissing == 0;
        if (webhookLog != null) {
            AlertDeliveryCheck.Result r = AlertDeliveryCheck.check(gateways, webhookLog);
            out.printf(
                    "webhook    alert steps expected %d  delivered %d  missing %d  duplicated %d  (valid POSTs %d, retries of one delivery id %d, collector-side alert steps %d)%n",
                    r.expectedSteps(),
                    r.deliveredSteps(),
                    r.missing().size(),
                    r.duplicated().size(),
                    r.validPosts(),
                    r.retriedPosts(),
                    r.otherAlertSteps());
            r.missing().stream().limit(show).forEach(m -> out.println("  missing    " + m));
            r.duplicated().stream().limit(show).forEach(m -> out.println("  duplicated " + m));
            ok &= r.ok();
        }
        out.println(ok ? "RESULT: OK, nothing lost, nothing duplicated" : "RESULT: FAILED");
        return ok ? 0 : 1;
    }

    private static void printLatency(PrintStream out, String what, List<Long> values) {
        long[] l = values.stream().mapToLong(Long::longValue).sorted().toArray();
        out.printf(
                "latency    %s (%d batches): p50 %d ms  p90 %d ms  p99 %d ms  max %d ms%n",
                what, l.length, pct(l, 0.50), pct(l, 0.90), pct(l, 0.99), l[l.length - 1]);
    }

    static long pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
