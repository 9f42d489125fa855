package de.dos2030.iot.collector.bench;

import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;
import de.dos2030.iot.model.codec.BatchCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;

/**
 * Whole-system ingest benchmark, driven by scripts/bench-ingest.sh against a running collector:
 * simulated bridge gateways (strain at 10 Hz plus vibration window features) send CBOR batches as
 * the edge agent's dispatcher does on its live lane: up to {@code inFlight} batches (default 4,
 * {@code Dispatcher.Settings.defaults()}) awaiting their "stored" answer at once, a new one sent
 * as each answer arrives, a batch without an answer re-sent after 10 s. Readings/s are counted in
 * InfluxDB afterwards. The ceiling writes the same points as line protocol straight to InfluxDB
 * in 5000-point requests. After untimed warm-up rounds (until the collector's JIT settles), rounds of
 * (ceiling, HTTP, MQTT) follow each other, each phase once InfluxDB and the collector are idle (the
 * rollup worker's catch-up done), a door's clock running from all gateways connected to the last
 * answer; each door is compared with its own round's ceiling, and the median of those ratios is the result.
 * Usage: IngestBench collectorUrl adminToken influxUrl database mqttUrl gateways batchesPerGateway
 * readingsPerBatch [inFlight] [rounds]
 */
public final class IngestBench {
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    /** The collector's rollup settle delay (10 s) and poll interval: by then the worker has started on a phase's windows. */
    private static final java.time.Duration ROLLUP_DUE = java.time.Duration.ofSeconds(12);

    private static final AtomicLong RESENT = new AtomicLong();
    private static final int MAX_WARM_UP = 8;
    /** The broker's Receive Maximum as the MQTT gateways saw it in their CONNACK. */
    private static final AtomicInteger RECEIVE_MAXIMUM = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        String collector = args[0];
        String admin = args[1];
        String influxUrl = args[2];
        String database = args[3];
        String mqttUrl = args[4];
        int gateways = Integer.parseInt(args[5]);
        int batches = Integer.parseInt(args[6]);
        int perBatch = Integer.parseInt(args[7]);
        int inFlight = args.length > 8 ? Integer.parseInt(args[8]) : 4;
        int rounds = args.length > 9 ? Integer.parseInt(args[9]) : 5;
        long run = System.currentTimeMillis() / 1000;
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(4))
                .build();
        InfluxDB influx = InfluxDBFactory.connect(influxUrl);
        String ceilingDb = database + "_ceiling";
        influx.query(new Query("CREATE DATABASE \"" + ceilingDb + "\""));
        long expected = (long) gateways * batches * perBatch;
        System.out.printf(
                "bench: %d gateways x %d batches x %d readings = %d readings per door and round, CBOR, up to %d batches "
                        + "in flight per gateway, %d rounds of ceiling, HTTP, MQTT%n",
                gateways, batches, perBatch, expected, inFlight, rounds);

        // Warm-up: a collector runs for weeks, so its JIT-compiled steady state is what counts. On two
        // cores the JIT needs some 40 s of CPU for the collector's paths; with one warm-up round its
        // compiler threads still took a third of the collector's CPU in the timed phases. So untimed
        // rounds of both doors, from separate gateways whose points are not counted, until the JIT
        // compiler took under 5 % of the collector's CPU in a round (at most MAX_WARM_UP rounds).
        int warmUpRounds = 1;
        for (; ; warmUpRounds++) {
            Fleet warmHttp = fleet(
                    http, collector, admin, "bench-wh-" + run + "-" + warmUpRounds + "-", gateways, batches, perBatch);
            Fleet warmMqtt = fleet(
                    http, collector, admin, "bench-wm-" + run + "-" + warmUpRounds + "-", gateways, batches, perBatch);
            Map<String, Long> before = cpuTimes();
            runGateways(gateways, (g, start) -> sendHttp(collector, warmHttp, g, inFlight, start));
            runGateways(gateways, (g, start) -> sendMqtt(mqttUrl, warmMqtt, g, inFlight, start));
            Map<String, Long> after = cpuTimes();
            long collectorMs = after.getOrDefault("collector", 0L) - before.getOrDefault("collector", 0L);
            long jitMs = after.getOrDefault("collector-jit", 0L) - before.getOrDefault("collector-jit", 0L);
            System.out.printf(
                    "warm-up round %d: collector %.1f s of CPU, %.0f %% of it in the JIT compiler%n",
                    warmUpRounds, collectorMs / 1000.0, 100.0 * jitMs / Math.max(1, collectorMs));
            if (jitMs < 0.05 * collectorMs || warmUpRounds == MAX_WARM_UP) {
                break;
            }
        }
        RESENT.set(0);
        System.out.printf(
                "MQTT gateways: the broker's Receive Maximum is %d; each keeps its unacknowledged publishes within it%n",
                RECEIVE_MAXIMUM.get());

        // Rounds, each door right after its own ceiling: this machine's speed drifts by a quarter
        // between minutes (other work, CPU boost), so single runs compared phases taken at different moments.
        double[] ceilings = new double[rounds];
        double[] httpRates = new double[rounds];
        double[] mqttRates = new double[rounds];
        double[] httpRatios = new double[rounds];
        double[] mqttRatios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            String tag = run + "-" + round + "-";
            Fleet httpFleet = fleet(http, collector, admin, "bench-h-" + tag, gateways, batches, perBatch);
            Fleet mqttFleet = fleet(http, collector, admin, "bench-m-" + tag, gateways, batches, perBatch);
            quiet(
                    round == 0 ? "the warm-up" : "MQTT",
                    round == 0 ? 2L * warmUpRounds * expected : expected,
                    ROLLUP_DUE);
            ceilings[round] = ceiling(influx, ceilingDb, "bench-c-" + tag, gateways, batches, perBatch);
            quiet("the ceiling", expected, java.time.Duration.ZERO); // the collector had nothing to do
            httpRates[round] = timed(
                    "HTTP",
                    expected,
                    influx,
                    database,
                    httpFleet.ids,
                    () -> runGateways(gateways, (g, start) -> sendHttp(collector, httpFleet, g, inFlight, start)));
            quiet("HTTP", expected, ROLLUP_DUE);
            mqttRates[round] = timed(
                    "MQTT",
                    expected,
                    influx,
                    database,
                    mqttFleet.ids,
                    () -> runGateways(gateways, (g, start) -> sendMqtt(mqttUrl, mqttFleet, g, inFlight, start)));
            httpRatios[round] = httpRates[round] / ceilings[round];
            mqttRatios[round] = mqttRates[round] / ceilings[round];
            System.out.printf(
                    "round %d: ceiling %.0f, HTTP %.0f (%.0f%%), MQTT %.0f (%.0f%%) readings/s%n",
                    round + 1,
                    ceilings[round],
                    httpRates[round],
                    100 * httpRatios[round],
                    mqttRates[round],
                    100 * mqttRatios[round]);
        }
        quiet("MQTT", expected, ROLLUP_DUE);
        System.out.printf(
                "RESULT (medians of %d rounds; ratios paired within each round) http %.0f readings/s = %.0f%% of ceiling; "
                        + "mqtt %.0f readings/s = %.0f%% of ceiling; ceiling %.0f readings/s%n",
                rounds,
                median(httpRates),
                100 * median(httpRatios),
                median(mqttRates),
                100 * median(mqttRatios),
                median(ceilings));
        influx.query(new Query("DROP DATABASE \"" + ceilingDb + "\""));
        influx.close();
        System.exit(0);
    }

    /** The ceiling: the same number of points, same layout, straight to InfluxDB in 5000-point requests from 4 writers. */
    private static double ceiling(InfluxDB influx, String db, String prefix, int gateways, int batches, int perBatch)
            throws Exception {
        List<List<String>> requests = new ArrayList<>();
        List<String> current = new ArrayList<>(5000);
        for (int g = 0; g < gateways; g++) {
            for (int b = 0; b < batches; b++) {
                Batch batch = batch(prefix + g, b, perBatch);
                for (Reading r : batch.readings()) {
                    current.add(de.dos2030.iot.collector.storage.StorageLayout.reading(batch, "bridge", r));
                    if (current.size() == 5000) {
                        requests.add(current);
                        current = new ArrayList<>(5000);
                    }
                }
            }
        }
        if (!current.isEmpty()) {
            requests.add(current);
        }
        ExecutorService writers = Executors.newFixedThreadPool(4);
        Map<String, Long> cpuBefore = cpuTimes();
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (List<String> req : requests) {
            done.add(writers.submit(
                    () -> influx.write(db, "autogen", InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS, req)));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        printCpu("ceiling", cpuBefore, cpuTimes(), seconds, (long) gateways * batches * perBatch);
        writers.shutdown();
        long stored = count(influx, db, "autogen", prefix);
        System.out.printf(
                "ceiling: %d points straight to InfluxDB in %.2f s = %.0f readings/s (from %s)%n",
                stored, seconds, stored / seconds, startedAt);
        return stored / seconds;
    }

    /**
     * Waits until the work a phase left behind is done, so that no phase pays for the one before it:
     * InfluxDB's cache snapshots and compactions (seconds after a million points), and the collector's
     * rollup worker, which recomputes the windows of stored readings once they have been quiet for
     * {@code collector.rollup.settle-delay} (10 s, longer than a phase). Without the second wait the
     * worker recomputed the previous phase's windows during the next phase, the ceiling included
     * (collector 0.5 cores busy while it ran). So: at least {@link #ROLLUP_DUE} after a door's phase, then
     * until both processes are idle. Watched from /proc only: polling the collector's metrics over
     * HTTP between phases made its JIT recompile the ingest door's HTTP path in every HTTP phase.
     * What the catch-up cost is printed per reading: it is part of what a reading costs, deferred,
     * and a fleet that never pauses pays it alongside ingest.
     */
    private static void quiet(String after, long readings, java.time.Duration atLeast) throws InterruptedException {
        long start = System.nanoTime();
        Map<String, Long> cpuBefore = cpuTimes();
        Map<String, Long> previous = cpuBefore;
        int quiet = 0;
        while (quiet < 2 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(120)) {
            Thread.sleep(500);
            Map<String, Long> now = cpuTimes();
            boolean idle = busyMs(previous, now, "influxd") < 25 && busyMs(previous, now, "collector") < 25;
            boolean due = System.nanoTime() - start > atLeast.toNanos();
            quiet = idle && due ? quiet + 1 : 0; // each under 5 % of a core for two half-seconds
            previous = now;
        }
        System.out.printf(
                "  (quiet after %.1f s; catching up after %s: collector %.2f, influxd %.2f us per reading)%n",
                (System.nanoTime() - start) / 1e9,
                after,
                busyMs(cpuBefore, previous, "collector") * 1000.0 / readings,
                busyMs(cpuBefore, previous, "influxd") * 1000.0 / readings);
    }

    private static long busyMs(Map<String, Long> before, Map<String, Long> after, String process) {
        return after.getOrDefault(process, 0L) - before.getOrDefault(process, 0L);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Simulated gateways of one door: ids, HTTP tokens, and their batches, encoded before any clock starts (gateways encode on their own CPUs). */
    private record Fleet(List<String> ids, List<String> tokens, byte[][][] bodies) {}

    private static Fleet fleet(
            HttpClient http, String collector, String admin, String prefix, int gateways, int batches, int perBatch)
            throws Exception {
        List<String> ids = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        byte[][][] bodies = new byte[gateways][batches][];
        for (int g = 0; g < gateways; g++) {
            ids.add(prefix + g);
            tokens.add(register(http, collector, admin, ids.get(g)));
            for (int b = 0; b < batches; b++) {
                bodies[g][b] = BatchCodec.cbor().encode(batch(ids.get(g), b, perBatch));
            }
        }
        return new Fleet(ids, tokens, bodies);
    }

    /**
     * One gateway over HTTP: inFlight keep-alive connections, each posting the gateway's next batch
     * as its previous one is answered, so up to inFlight batches await their answer; 503 means re-send.
     */
    private static void sendHttp(String collector, Fleet fleet, int g, int inFlight, StartLine start) throws Exception {
        List<KeepAliveHttp> connections = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(inFlight);
        try {
            for (int c = 0; c < inFlight; c++) {
                connections.add(new KeepAliveHttp(URI.create(collector)));
            }
            AtomicInteger next = new AtomicInteger();
            String authorization = "Bearer " + fleet.tokens.get(g);
            start.ready();
            List<Future<?>> running = new ArrayList<>();
            for (KeepAliveHttp http : connections) {
                running.add(senders.submit(() -> {
                    for (int b = next.getAndIncrement(); b < fleet.bodies[g].length; b = next.getAndIncrement()) {
                        int status;
                        do {
                            status =
                                    http.post("/api/v1/batches", authorization, "application/cbor", fleet.bodies[g][b]);
                        } while (status == 503);
                        if (status != 200) {
                            throw new IllegalStateException(
                                    "HTTP " + status + " for batch " + b + " of " + fleet.ids.get(g));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            start.finished();
        } finally {
            senders.shutdownNow();
            for (KeepAliveHttp http : connections) {
                http.close();
            }
        }
    }

    /** One gateway over MQTT v5 ({@link LeanMqtt}): up to inFlight batches awaiting their answer on the response topic. */
    private static void sendMqtt(String mqttUrl, Fleet fleet, int g, int inFlight, StartLine start) throws Exception {
        String id = fleet.ids.get(g);
        URI broker = URI.create(mqttUrl);
        Semaphore window = new Semaphore(inFlight);
        Map<Integer, Long> unanswered = new ConcurrentHashMap<>(); // batch -> when sent (ns)
        AtomicReference<String> refused = new AtomicReference<>();
        try (LeanMqtt client = new LeanMqtt(broker.getHost(), broker.getPort(), id, (correlation, payload) -> {
            String ack = new String(payload, StandardCharsets.UTF_8);
            int b = Integer.parseInt(new String(correlation, StandardCharsets.UTF_8));
            if (!ack.contains("\"stored\"")) {
                refused.compareAndSet(null, ack);
            }
            if (unanswered.remove(b) != null) {
                window.release();
            }
        })) {
            client.subscribe("dos/bridge-bench/" + id + "/ack");
            RECEIVE_MAXIMUM.set(client.receiveMaximum());
            start.ready();
            for (int b = 0; b < fleet.bodies[g].length; b++) {
                while (!window.tryAcquire(1, TimeUnit.SECONDS)) {
                    resendUnanswered(client, id, unanswered, fleet.bodies[g]);
                }
                unanswered.put(b, System.nanoTime());
                publish(client, id, b, fleet.bodies[g][b]);
            }
            while (!window.tryAcquire(inFlight, 1, TimeUnit.SECONDS)) {
                resendUnanswered(client, id, unanswered, fleet.bodies[g]);
            }
            start.finished();
        }
        if (refused.get() != null) {
            throw new IllegalStateException(refused.get());
        }
    }

    /**
     * Up to inFlight batches plus their re-sends await an answer; {@link LeanMqtt} keeps the publishes
     * awaiting the broker's PUBACK within its Receive Maximum, as the agent's uplink does.
     */
    private static void publish(LeanMqtt client, String id, int b, byte[] body) throws Exception {
        client.publish(
                "dos/bridge-bench/" + id + "/batch",
                body,
                "dos/bridge-bench/" + id + "/ack",
                Integer.toString(b).getBytes(StandardCharsets.UTF_8),
                "application/cbor");
    }

    /** No answer within 10 s means "try later": re-send, as the gateway does. */
    private static void resendUnanswered(LeanMqtt client, String id, Map<Integer, Long> unanswered, byte[][] bodies)
            throws Exception {
        long stale = System.nanoTime() - TimeUnit.SECONDS.toNanos(10);
        for (Map.Entry<Integer, Long> e : unanswered.entrySet()) {
            if (e.getValue() < stale && unanswered.replace(e.getKey(), e.getValue(), System.nanoTime())) {
                RESENT.incrementAndGet();
                publish(client, id, e.getKey(), bodies[e.getKey()]);
            }
        }
    }

    interface GatewayLoop {
        void run(int gateway, StartLine start) throws Exception;
    }

    /**
     * The clock of a door's phase: it starts once every gateway is connected and stops when the
     * last one has its last answer, so that connecting and disconnecting 50 clients (which real
     * gateways do once, not per batch) is not counted as ingest time.
     */
    static final class StartLine {
        private final CountDownLatch ready;
        private final CountDownLatch go = new CountDownLatch(1);
        private final AtomicLong lastFinish = new AtomicLong();

        StartLine(int gateways) {
            this.ready = new CountDownLatch(gateways);
        }

        void ready() throws InterruptedException {
            ready.countDown();
            go.await();
        }

        void finished() {
            lastFinish.accumulateAndGet(System.nanoTime(), Math::max);
        }
    }

    /**
     * Seconds from the start line to the last answer, the wall-clock start (to line a phase up with
     * a profile or a log), and the CPU times (see {@link #cpuTimes}) at both.
     */
    record Timing(double seconds, Instant startedAt, Map<String, Long> cpuAtStart, Map<String, Long> cpuAtEnd) {}

    /** Runs one door's phase. */
    private static Timing runGateways(int gateways, GatewayLoop loop) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(gateways);
        StartLine start = new StartLine(gateways);
        List<Future<?>> all = new ArrayList<>();
        for (int g = 0; g < gateways; g++) {
            int id = g;
            all.add(pool.submit(() -> {
                loop.run(id, start);
                return null;
            }));
        }
        while (!start.ready.await(100, TimeUnit.MILLISECONDS)) {
            for (Future<?> f : all) {
                if (f.isDone()) {
                    start.go.countDown(); // let the others run into their failure too, rather than wait for ever
                    pool.shutdownNow();
                    f.get(); // a gateway failed before the start: report why
                }
            }
        }
        Map<String, Long> cpuAtStart = cpuTimes();
        Instant startedAt = Instant.now();
        long begin = System.nanoTime();
        start.go.countDown();
        for (Future<?> f : all) {
            f.get();
        }
        Map<String, Long> cpuAtEnd = cpuTimes(); // includes the gateways disconnecting: a few ms
        pool.shutdown();
        return new Timing((start.lastFinish.get() - begin) / 1e9, startedAt, cpuAtStart, cpuAtEnd);
    }

    interface Phase {
        Timing run() throws Exception;
    }

    private static double timed(String door, long expected, InfluxDB influx, String db, List<String> ids, Phase phase)
            throws Exception {
        Timing timing = phase.run();
        double seconds = timing.seconds();
        printCpu(door, timing.cpuAtStart(), timing.cpuAtEnd(), seconds, expected);
        String prefix = ids.get(0).substring(0, ids.get(0).lastIndexOf('-') + 1);
        long stored = count(influx, db, "bridge_raw", prefix);
        System.out.printf(
                "%s: %d of %d readings stored (counted in InfluxDB) in %.2f s = %.0f readings/s (%d re-sent after 10 s without answer; from %s)%n",
                door, stored, expected, seconds, stored / seconds, RESENT.getAndSet(0), timing.startedAt());
        if (stored != expected) {
            throw new IllegalStateException(door + ": " + stored + " readings in InfluxDB, expected " + expected);
        }
        return stored / seconds;
    }

    /**
     * CPU time (ms) of the processes named in BENCH_PIDS ("collector=123 influxd=456 ...") and of
     * this load generator, from /proc: where the machine's cores went during a phase.
     */
    static Map<String, Long> cpuTimes() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        String spec = System.getenv().getOrDefault("BENCH_PIDS", "") + " generator="
                + ProcessHandle.current().pid();
        for (String entry : spec.trim().split("\\s+")) {
            String[] kv = entry.split("=");
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", kv[1], "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                out.put(kv[0], (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10); // utime + stime, at 100 ticks/s
            } catch (Exception e) {
                // not on Linux or the process is gone: leave it out
            }
            if (kv[0].equals("collector")) {
                out.put("collector-jit", compilerThreadsMs(kv[1]));
            }
        }
        return out;
    }

    /** CPU time (ms) of a JVM's JIT compiler threads ("C1 CompilerThre", "C2 CompilerThre" in /proc). */
    private static long compilerThreadsMs(String pid) {
        long ms = 0;
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc", pid, "task"))) {
            for (java.nio.file.Path task : (Iterable<java.nio.file.Path>) tasks::iterator) {
                try {
                    String stat = java.nio.file.Files.readString(task.resolve("stat"));
                    if (stat.contains("CompilerThre")) {
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ms += (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
                    }
                } catch (Exception e) {
                    // the thread ended meanwhile
                }
            }
        } catch (Exception e) {
            // not on Linux or the process is gone
        }
        return ms;
    }

    static void printCpu(
            String phase, Map<String, Long> before, Map<String, Long> after, double seconds, long readings) {
        StringBuilder line = new StringBuilder("  CPU during " + phase + " (cores busy; us per reading):");
        after.forEach((name, ms) -> {
            long used = ms - before.getOrDefault(name, ms);
            line.append(String.format(" %s %.2f (%.1f)", name, used / 1000.0 / seconds, used * 1000.0 / readings));
        });
        System.out.println(line);
    }

    /** Readings of the gateways with this prefix in {@code policy}: autogen for the ceiling, the bridges' raw policy for the doors. */
    private static long count(InfluxDB influx, String db, String policy, String gatewayPrefix) {
        long total = 0;
        for (String q : List.of(
                "SELECT count(value) FROM \"" + policy + "\".strain",
                "SELECT count(rms) FROM \"" + policy + "\".vibration",
                "SELECT count(peak) FROM \"" + policy + "\".vibration")) {
            var result = influx.query(new Query(q + " WHERE gateway =~ /^" + gatewayPrefix + "/", db));
            var series = result.getResults().get(0).getSeries();
            if (series != null) {
                total += ((Number) series.get(0).getValues().get(0).get(1)).longValue();
            }
        }
        return total;
    }

    /** A bridge gateway's batch: 4 strain gauges at 10 Hz, plus vibration RMS and peak once a second. */
    static Batch batch(String gatewayId, int sequence, int readings) {
        Instant end = Instant.parse("2025-06-01T00:00:00Z").plusSeconds(600L * sequence);
        List<Reading> out = new ArrayList<>(readings);
        int strainPerGauge = readings * 9 / 10 / 4;
        for (int gauge = 0; gauge < 4; gauge++) {
            for (int i = 0; i < strainPerGauge; i++) {
                out.add(Reading.sample(
                        "deck.strain-" + gauge,
                        Quantity.STRAIN,
                        end.minusMillis(100L * (strainPerGauge - i)),
                        120 + 30 * Math.sin(i / 7.0) + gauge));
            }
        }
        int features = (readings - out.size()) / 2;
        for (int i = 0; i < features; i++) {
            out.add(new Reading(
                    "deck.acc",
                    Quantity.VIBRATION_RMS,
                    Statistic.SAMPLE,
                    end.minusSeconds(features - i),
                    0.01 + i * 1e-4,
                    Quality.OK));
        }
        for (int i = 0; out.size() < readings; i++) {
            out.add(new Reading(
                    "deck.acc",
                    Quantity.VIBRATION_PEAK,
                    Statistic.SAMPLE,
                    end.minusSeconds(readings - i),
                    0.05,
                    Quality.OK));
        }
        return new Batch(
                1, gatewayId, "bridge-bench", "boot-bench", sequence, end, ClockSync.SYNCED, out, List.of(), null);
    }

    private static String register(HttpClient http, String collector, String admin, String id) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(collector + "/admin/gateways"))
                        .header("Authorization", "Bearer " + admin)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"id\":\"" + id + "\",\"siteId\":\"bridge-bench\",\"siteKind\":\"bridge\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = TOKEN.matcher(r.body());
        if (r.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("registering " + id + ": " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }
}
