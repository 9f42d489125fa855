package de.dos2030.iot.collector.bench.peers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;

/**
 * One contender's run of the peers benchmark (scripts/bench-peers.sh runs it for Node-RED, then for
 * the collector): simulated bridge gateways ({@link SimulatedGateway}) send the same JSON batches
 * over the same Mosquitto; what reached the contender's InfluxDB database is counted exactly, per
 * series. An untimed warm-up, then two phases:
 *
 * <ol>
 *   <li><b>paced</b>: {@code pacedRate} readings/s for {@code pacedSeconds}, a rate both contenders
 *       carry; CPU seconds per stored reading of each process until the last reading was stored;
 *   <li><b>overload</b>: every gateway sends back to back for {@code overloadSeconds}, as fast as
 *       its protocol lets it (broker PUBACK for Node-RED, the collector's "stored" for the
 *       collector); readings stored within that time give the contender's sustained maximum, and
 *       whatever the gateways still hold or the contender still works on is delivered afterwards.
 * </ol>
 *
 * Results go to stdout and, as {@code contender.phase.key=value} lines, to {@code resultsFile}
 * ({@link PeersTable} prints the comparison). Usage: PeersBench contender mqttHost:port influxUrl
 * database policy collectorUrl|- adminToken|- gateways readingsPerBatch pacedRate pacedSeconds
 * overloadSeconds window resultsFile; PEERS_PIDS names the processes whose CPU is counted.
 */
public final class PeersBench {
    private final String contender;
    private final String host;
    private final int port;
    private final StoredCounts counts;
    private final CpuClock cpu;
    private final boolean awaitsStored;
    private final int gateways;
    private final int readingsPerBatch;
    private final int window;
    private final Path results;

    private PeersBench(String[] a) {
        this.contender = a[0];
        URI broker = URI.create("tcp://" + a[1]);
        this.host = broker.getHost();
        this.port = broker.getPort();
        // InfluxDB answers slowly while a contender floods it: a count may take longer than the 10 s default.
        InfluxDB influx =
                InfluxDBFactory.connect(a[2], new okhttp3.OkHttpClient.Builder().readTimeout(120, TimeUnit.SECONDS));
        this.counts = new StoredCounts(influx, a[3], a[4]);
        this.awaitsStored = !a[5].equals("-");
        this.gateways = Integer.parseInt(a[7]);
        this.readingsPerBatch = Integer.parseInt(a[8]);
        this.window = Integer.parseInt(a[12]);
        this.results = Path.of(a[13]);
        this.cpu = new CpuClock(System.getenv().getOrDefault("PEERS_PIDS", ""));
    }

    public static void main(String[] a) throws Exception {
        if (a.length != 14) {
            System.err.println(
                    "usage: PeersBench contender mqttHost:port influxUrl database policy collectorUrl|- "
                            + "adminToken|- gateways readingsPerBatch pacedRate pacedSeconds overloadSeconds window resultsFile");
            System.exit(2);
        }
        PeersBench bench = new PeersBench(a);
        double pacedRate = Double.parseDouble(a[9]);
        int pacedSeconds = Integer.parseInt(a[10]);
        int overloadSeconds = Integer.parseInt(a[11]);
        String tag = a[0].substring(0, 1); // c or n: ids differ between contenders, though their databases do too
        if (bench.awaitsStored) {
            for (String phase : List.of("warm", "paced", "overld")) {
                for (int g = 0; g < bench.gateways; g++) {
                    register(a[5], a[6], id(tag, phase, g));
                }
            }
        }
        try {
            bench.paced(tag, "warm", pacedRate, Math.max(10, pacedSeconds / 2), false); // JIT: V8 and C2 alike
            bench.paced(tag, "paced", pacedRate, pacedSeconds, true);
            bench.overload(tag, "overld", overloadSeconds);
        } catch (Exception | Error e) {
            e.printStackTrace(); // and exit: gateway threads blocked on a dead contender would keep the JVM up
            System.exit(1);
        }
        System.exit(0);
    }

    /** Gateway ids of one phase, all of one length (see {@link BridgeBatches}). */
    private static String id(String tag, String phase, int g) {
        return String.format(Locale.ROOT, "peers-%s-%s-%03d", tag, phase, g);
    }

    /**
     * Waits (at most 60 s) until InfluxDB and Mosquitto have finished what came before (InfluxDB
     * compacts for seconds after millions of points; the previous contender's flood left the broker
     * work), so that no phase pays for the one before it: under 5 % of a core each for 1 s running.
     */
    private void quiesce() throws InterruptedException {
        long start = System.nanoTime();
        Map<String, Double> previous = cpu.seconds();
        int quiet = 0;
        while (quiet < 2 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60)) {
            Thread.sleep(500);
            Map<String, Double> now = cpu.seconds();
            boolean idle = now.get("influxd") - previous.get("influxd") < 0.025
                    && now.get("mosquitto") - previous.get("mosquitto") < 0.025;
            quiet = idle ? quiet + 1 : 0;
            previous = now;
        }
        System.out.printf(
                Locale.ROOT, "  (InfluxDB and Mosquitto quiet after %.1f s)%n", (System.nanoTime() - start) / 1e9);
    }

    private void paced(String tag, String phase, double rate, int seconds, boolean report) throws Exception {
        quiesce();
        String prefix = String.format("peers-%s-%s-", tag, phase);
        BridgeBatches batches =
                new BridgeBatches(readingsPerBatch, id(tag, phase, 0).length());
        long intervalNanos = (long) (1e9 * gateways * batches.readings() / rate);
        int perGateway = (int) Math.max(1, Math.round(seconds * 1e9 / intervalNanos));
        List<SimulatedGateway> fleet = connect(tag, phase, batches);
        Map<String, Double> cpuBefore = cpu.seconds();
        long start = System.nanoTime();
        run(fleet, (g, gw) -> {
            long first = start + intervalNanos * g / gateways; // spread over the interval, as real gateways are
            for (int k = 0; k < perGateway; k++) {
                TimeUnit.NANOSECONDS.sleep(first + k * intervalNanos - System.nanoTime());
                gw.sendNext();
            }
            finish(gw, start + TimeUnit.SECONDS.toNanos(seconds + 120L));
        });
        long offered = (long) gateways * perGateway * batches.readings();
        Settled s = settle(prefix, offered, 60, 10);
        close(fleet);
        if (!report) {
            System.out.printf(Locale.ROOT, "%s warm-up: %d of %d readings stored%n", contender, s.stored, offered);
            return;
        }
        double elapsed = (s.atNanos - start) / 1e9;
        Map<String, Double> used = CpuClock.used(cpuBefore, s.cpu);
        record(phase, "offered", offered);
        record(phase, "stored", s.stored);
        record(phase, "seconds", elapsed);
        record(phase, "offeredRate", offered / (perGateway * intervalNanos / 1e9));
        used.forEach((name, sec) -> record(phase, "cpu." + name, sec));
        checkSeries(phase, prefix, batches, fleet);
        System.out.printf(
                Locale.ROOT,
                "%s paced: %d of %d readings stored (%d lost), %.0f readings/s offered, last stored after %.1f s; CPU s: %s%n",
                contender,
                s.stored,
                offered,
                offered - s.stored,
                offered / (perGateway * intervalNanos / 1e9),
                elapsed,
                cpuText(used));
    }

    private void overload(String tag, String phase, int seconds) throws Exception {
        quiesce();
        String prefix = String.format("peers-%s-%s-", tag, phase);
        BridgeBatches batches =
                new BridgeBatches(readingsPerBatch, id(tag, phase, 0).length());
        List<SimulatedGateway> fleet = connect(tag, phase, batches);
        Map<String, Double> cpuBefore = cpu.seconds();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        Future<?> all = runAsync(fleet, (g, gw) -> {
            while (System.nanoTime() < end) {
                gw.sendNext();
            }
            finish(gw, end + TimeUnit.SECONDS.toNanos(180));
        });
        TimeUnit.NANOSECONDS.sleep(end - System.nanoTime());
        Map<String, Double> cpuAtEnd = cpu.seconds();
        long storedInTime = counts.total(prefix);
        long sentInTime = fleet.stream().mapToLong(SimulatedGateway::sent).sum();
        long waiting = fleet.stream().mapToLong(SimulatedGateway::unanswered).sum();
        all.get();
        long offered = fleet.stream().mapToLong(SimulatedGateway::sent).sum() * batches.readings();
        Settled s = settle(prefix, offered, 120, 10);
        close(fleet);
        double after = (s.atNanos - end) / 1e9;
        Map<String, Double> used = CpuClock.used(cpuBefore, cpuAtEnd);
        record(phase, "offered", offered);
        record(phase, "storedInTime", storedInTime);
        record(phase, "stored", s.stored);
        record(phase, "seconds", (double) seconds);
        record(phase, "afterSeconds", after);
        record(phase, "waitingAtEnd", waiting * batches.readings());
        record(
                phase,
                "resent",
                fleet.stream().mapToLong(SimulatedGateway::resent).sum());
        record(
                phase,
                "triedLater",
                fleet.stream().mapToLong(SimulatedGateway::triedLater).sum());
        used.forEach((name, sec) -> record(phase, "cpu." + name, sec));
        checkSeries(phase, prefix, batches, fleet);
        System.out.printf(
                Locale.ROOT,
                "%s overload: %d batches sent in %d s; %d readings stored within them (%.0f readings/s), %d in the "
                        + "gateways' outboxes awaiting 'stored' at the end; finally %d of %d stored (%d lost), the last "
                        + "%.1f s after the end; CPU s in the %d s: %s%n",
                contender,
                sentInTime,
                seconds,
                storedInTime,
                storedInTime / (double) seconds,
                waiting * batches.readings(),
                s.stored,
                offered,
                offered - s.stored,
                after,
                seconds,
                cpuText(used));
    }

    /** Per series: stored against what the gateways delivered (the broker confirmed, or the collector stored). */
    private void checkSeries(String phase, String prefix, BridgeBatches batches, List<SimulatedGateway> fleet) {
        Map<String, Long> stored = counts.perSeries(prefix);
        int series = 0;
        int complete = 0;
        int extra = 0;
        for (int g = 0; g < fleet.size(); g++) {
            for (Map.Entry<String, Integer> e : batches.perSeries().entrySet()) {
                long expected = (long) fleet.get(g).sent() * e.getValue();
                long got = stored.getOrDefault(prefix + String.format(Locale.ROOT, "%03d", g) + " " + e.getKey(), 0L);
                series++;
                complete += got == expected ? 1 : 0;
                extra += got > expected ? 1 : 0;
            }
        }
        if (extra > 0) {
            throw new IllegalStateException(contender + " " + phase + ": " + extra
                    + " series hold more points than were sent: the counts are wrong, not the contender");
        }
        record(phase, "series", series);
        record(phase, "seriesComplete", complete);
    }

    private record Settled(long stored, long atNanos, Map<String, Double> cpu) {}

    /**
     * Polls the stored count until it reaches {@code expected}, or has not grown for {@code quiet}
     * seconds, or {@code max} seconds passed; returns it with the time and CPU at its last growth.
     */
    private Settled settle(String prefix, long expected, int max, int quiet) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(max);
        Settled last = new Settled(-1, System.nanoTime(), cpu.seconds());
        while (true) {
            Map<String, Double> now = cpu.seconds();
            long stored = counts.total(prefix);
            long at = System.nanoTime();
            if (stored != last.stored) {
                last = new Settled(stored, at, now);
            }
            if (stored >= expected || at - last.atNanos > TimeUnit.SECONDS.toNanos(quiet) || at > deadline) {
                return last;
            }
            Thread.sleep(250);
        }
    }

    private List<SimulatedGateway> connect(String tag, String phase, BridgeBatches batches) throws Exception {
        List<SimulatedGateway> fleet = new ArrayList<>();
        for (int g = 0; g < gateways; g++) {
            fleet.add(new SimulatedGateway(id(tag, phase, g), host, port, batches, awaitsStored, window));
        }
        return fleet;
    }

    private static void finish(SimulatedGateway gw, long deadline) throws Exception {
        if (!gw.finish(deadline)) {
            System.out.printf("  a gateway still holds %d unanswered batches at its deadline%n", gw.unanswered());
        }
    }

    private static void close(List<SimulatedGateway> fleet) throws IOException {
        for (SimulatedGateway gw : fleet) {
            gw.close();
        }
    }

    interface GatewayLoop {
        void run(int g, SimulatedGateway gw) throws Exception;
    }

    private static void run(List<SimulatedGateway> fleet, GatewayLoop loop) throws Exception {
        runAsync(fleet, loop).get();
    }

    /** Each gateway on its own thread; the future fails with the first gateway's failure. */
    private static Future<?> runAsync(List<SimulatedGateway> fleet, GatewayLoop loop) {
        ExecutorService pool = Executors.newFixedThreadPool(fleet.size() + 1);
        List<Future<?>> each = new ArrayList<>();
        for (int g = 0; g < fleet.size(); g++) {
            int index = g;
            each.add(pool.submit(() -> {
                loop.run(index, fleet.get(index));
                return null;
            }));
        }
        Future<?> all = pool.submit(() -> {
            for (Future<?> f : each) {
                f.get();
            }
            return null;
        });
        pool.shutdown();
        return all;
    }

    private static String cpuText(Map<String, Double> used) {
        StringBuilder out = new StringBuilder();
        used.forEach((name, sec) ->
                out.append(String.format(Locale.ROOT, "%s%s %.2f", out.isEmpty() ? "" : ", ", name, sec)));
        return out.toString();
    }

    private void record(String phase, String key, double value) {
        String line = contender + "." + phase + "." + key + "=" + String.format(Locale.ROOT, "%.6f", value) + "\n";
        try {
            Files.writeString(results, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the results to " + results + ": " + e.getMessage(), e);
        }
    }

    private static void register(String collector, String admin, String id) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(collector + "/admin/gateways"))
                                .header("Authorization", "Bearer " + admin)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\",\"siteId\":\""
                                        + BridgeBatches.SITE + "\",\"siteKind\":\"bridge\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException(
                    "registering " + id + " at " + collector + ": " + r.statusCode() + " " + r.body());
        }
    }
}
