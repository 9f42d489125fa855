package de.dos2030.iot.collector.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The query benchmark's data, loaded as an operator would import history: 10-second CO2 readings of
 * {@code sensors} sensors of one school site on {@code gateways} gateways, written straight into
 * InfluxDB's {@code school_raw} policy in the collector's layout (line protocol, 10,000 points per
 * request over two keep-alive connections, in time order), and then the collector's rollup
 * rebuild ({@code POST /admin/rollups/rebuild}), waited for until the dirty set is empty.
 */
final class YearLoad {
    static final String SITE = "bench-site";
    private static final int LINES_PER_REQUEST = 10_000;
    private static final byte[] END = new byte[0];
    private static final ObjectMapper JSON = new ObjectMapper();

    private YearLoad() {}

    /** The name of sensor {@code i}: the first is the one the benchmark asks for. */
    static String sensor(int i) {
        return i == 0 ? "bench.co2" : String.format("bench-%02d.co2", i + 1);
    }

    /** Writes the readings of [from, to); returns how many. */
    static long load(URI influx, String db, Instant from, Instant to, int sensors, int gateways) throws Exception {
        byte[][] prefixes = new byte[sensors][];
        Random[] noise = new Random[sensors];
        for (int s = 0; s < sensors; s++) {
            prefixes[s] = ("co2,gateway=bench-gw-" + (s % gateways + 1) + ",quality=ok,sensor=" + sensor(s) + ",site="
                            + SITE + ",site_kind=school value=")
                    .getBytes(StandardCharsets.US_ASCII);
            noise[s] = new Random(42 + s);
        }
        BlockingQueue<byte[]> requests = new ArrayBlockingQueue<>(8);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<Future<Long>> written = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            written.add(writers.submit(() -> {
                long requestsDone = 0;
                try (KeepAliveHttp http = new KeepAliveHttp(influx)) {
                    for (byte[] body = requests.take(); body != END; body = requests.take()) {
                        KeepAliveHttp.Answer a = http.post(
                                "/write?precision=ms&rp=school_raw&db=" + db,
                                body,
                                body.length,
                                "Content-Type: text/plain");
                        if (a.status() != 204) {
                            throw new IllegalStateException("InfluxDB write: " + a.status() + " " + a.text());
                        }
                        requestsDone++;
                    }
                }
                return requestsDone;
            }));
        }
        Lines lines = new Lines(LINES_PER_REQUEST * 120);
        long points = 0;
        int inRequest = 0;
        try {
            for (long ms = from.toEpochMilli(); ms < to.toEpochMilli(); ms += 10_000) {
                double day = Math.max(0, Math.sin(Math.floorMod(ms / 1000, 86_400) / 86_400.0 * Math.PI));
                for (int s = 0; s < sensors; s++) {
                    double co2 = 420 + (560 + 10 * s) * day + noise[s].nextGaussian() * 15;
                    lines.put(prefixes[s])
                            .tenths(Math.round(co2 * 10))
                            .put((byte) ' ')
                            .number(ms)
                            .put((byte) '\n');
                    points++;
                    if (++inRequest == LINES_PER_REQUEST) {
                        requests.put(lines.take());
                        inRequest = 0;
                    }
                }
            }
            if (inRequest > 0) {
                requests.put(lines.take());
            }
        } finally {
            requests.put(END);
            requests.put(END);
        }
        for (Future<Long> f : written) {
            f.get();
        }
        writers.shutdown();
        return points;
    }

    /** Asks the collector to rebuild the tiers of [from, to) and waits until its dirty set is empty; returns the answer. */
    static JsonNode rebuild(String collector, String admin, Instant from, Instant to) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(collector + "/admin/rollups/rebuild"))
                        .header("Authorization", "Bearer " + admin)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofMinutes(30))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("rebuild: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Polls {@code GET /admin/rollups} until no window is dirty three times in a row (a recompute marks its days). */
    static void awaitTiers(String collector, String admin, long started) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest status = HttpRequest.newBuilder(URI.create(collector + "/admin/rollups"))
                .header("Authorization", "Bearer " + admin)
                .build();
        long lastPrint = System.nanoTime();
        for (int quiet = 0; quiet < 3; ) {
            Thread.sleep(1000);
            JsonNode backlog = JSON.readTree(
                    http.send(status, HttpResponse.BodyHandlers.ofString()).body());
            long dirty = backlog.get("dirtyWindows").asLong();
            quiet = dirty == 0 ? quiet + 1 : 0;
            if (System.nanoTime() - lastPrint > 30e9) {
                System.out.printf("  ... %4.0f s: %,d windows dirty%n", (System.nanoTime() - started) / 1e9, dirty);
                lastPrint = System.nanoTime();
            }
        }
    }

    /** A growing byte buffer with the two number formats line protocol needs here. */
    private static final class Lines {
        private byte[] buf;
        private int n;

        Lines(int capacity) {
            buf = new byte[capacity];
        }

        Lines put(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, n, b.length);
            n += b.length;
            return this;
        }

        Lines put(byte b) {
            ensure(1);
            buf[n++] = b;
            return this;
        }

        /** A non-negative integer. */
        Lines number(long v) {
            ensure(20);
            int start = n;
            do {
                buf[n++] = (byte) ('0' + v % 10);
                v /= 10;
            } while (v > 0);
            for (int i = start, j = n - 1; i < j; i++, j--) {
                byte t = buf[i];
                buf[i] = buf[j];
                buf[j] = t;
            }
            return this;
        }

        /** {@code tenths / 10} with one decimal, e.g. 4213 as 421.3 (a float field). */
        Lines tenths(long tenths) {
            if (tenths < 0) {
                put((byte) '-');
                tenths = -tenths;
            }
            return number(tenths / 10).put((byte) '.').put((byte) ('0' + tenths % 10));
        }

        byte[] take() {
            byte[] out = java.util.Arrays.copyOf(buf, n);
            n = 0;
            return out;
        }

        private void ensure(int more) {
            if (n + more > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
            }
        }
    }
}
