package de.dos2030.iot.collector.bench;

import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;
import de.dos2030.iot.model.codec.BatchCodec;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whole-system ingest benchmark, driven by scripts/bench-ingest.sh against a running collector:
 * simulated bridge gateways (strain at 10 Hz plus vibration window features) each send batches one
 * after the other, waiting for the "stored" answer as a real gateway does; readings/s are counted
 * in InfluxDB afterwards. The ceiling writes the same points as line protocol straight to InfluxDB
 * in 5000-point requests. Usage: IngestBench collectorUrl adminToken influxUrl database mqttUrl
 * gateways batchesPerGateway readingsPerBatch
 */
public final class IngestBench {
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String collector = args[0];
        String admin = args[1];
        String influxUrl = args[2];
        String database = args[3];
        String mqttUrl = args[4];
        int gateways = Integer.parseInt(args[5]);
        int batches = Integer.parseInt(args[6]);
        int perBatch = Integer.parseInt(args[7]);
        long run = System.currentTimeMillis() / 1000;
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        InfluxDB influx = InfluxDBFactory.connect(influxUrl);

        List<String> httpIds = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<String> mqttIds = new ArrayList<>();
        for (int g = 0; g < gateways; g++) {
            httpIds.add("bench-h-" + run + "-" + g);
            tokens.add(register(http, collector, admin, httpIds.get(g)));
            mqttIds.add("bench-m-" + run + "-" + g);
            register(http, collector, admin, mqttIds.get(g));
        }
        long expected = (long) gateways * batches * perBatch;
        // Gateways encode on their own CPUs: encode everything before the clock starts.
        byte[][][] httpBodies = new byte[gateways][batches][];
        byte[][][] mqttBodies = new byte[gateways][batches][];
        for (int g = 0; g < gateways; g++) {
            for (int b = 0; b < batches; b++) {
                httpBodies[g][b] = BatchCodec.cbor().encode(batch(httpIds.get(g), b, perBatch));
                mqttBodies[g][b] = BatchCodec.cbor().encode(batch(mqttIds.get(g), b, perBatch));
            }
        }
        System.out.printf("bench: %d gateways x %d batches x %d readings = %d readings per door%n", gateways, batches, perBatch, expected);

        double httpRate = timed("HTTP", expected, influx, database, httpIds, () -> runGateways(gateways, g -> {
            for (int b = 0; b < batches; b++) {
                byte[] body = httpBodies[g][b];
                HttpRequest req = HttpRequest.newBuilder(URI.create(collector + "/api/v1/batches"))
                        .header("Authorization", "Bearer " + tokens.get(g)).header("Content-Type", "application/cbor")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                int status;
                do {
                    status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                } while (status == 503);
                if (status != 200) {
                    throw new IllegalStateException("HTTP " + status);
                }
            }
        }));

        double mqttRate = timed("MQTT", expected, influx, database, mqttIds, () -> runGateways(gateways, g -> {
            String id = mqttIds.get(g);
            MqttClient client = new MqttClient(mqttUrl, id, new MemoryPersistence());
            java.util.concurrent.LinkedBlockingQueue<String> acks = new java.util.concurrent.LinkedBlockingQueue<>();
            client.setCallback(new de.dos2030.iot.collector.ingest.mqtt.MqttIngestIT.Answers() {
                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    acks.add(new String(message.getPayload(), StandardCharsets.UTF_8));
                }
            });
            client.connect();
            client.subscribe("dos/bridge-bench/" + id + "/ack", 1);
            for (int b = 0; b < batches; b++) {
                MqttMessage m = new MqttMessage(mqttBodies[g][b]);
                m.setQos(1);
                MqttProperties p = new MqttProperties();
                p.setResponseTopic("dos/bridge-bench/" + id + "/ack");
                p.setCorrelationData(Integer.toString(b).getBytes(StandardCharsets.UTF_8));
                p.setContentType("application/cbor");
                m.setProperties(p);
                String ack = null;
                while (ack == null) { // no answer = try later: re-send, as the gateway does
                    client.publish("dos/bridge-bench/" + id + "/batch", m);
                    ack = acks.poll(10, TimeUnit.SECONDS);
                }
                if (!ack.contains("\"stored\"")) {
                    throw new IllegalStateException(ack);
                }
            }
            client.disconnect();
            client.close();
        }));

        // Ceiling: the same number of points, same layout, straight to InfluxDB in 5000-point requests.
        String ceilingDb = database + "_ceiling";
        influx.query(new Query("CREATE DATABASE \"" + ceilingDb + "\""));
        List<List<String>> requests = new ArrayList<>();
        List<String> current = new ArrayList<>(5000);
        for (int g = 0; g < gateways; g++) {
            for (int b = 0; b < batches; b++) {
                Batch batch = batch("bench-c-" + run + "-" + g, b, perBatch);
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
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (List<String> req : requests) {
            done.add(writers.submit(() -> influx.write(ceilingDb, "autogen", InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS, req)));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        writers.shutdown();
        long ceilingCount = count(influx, ceilingDb, "bench-c-" + run + "-");
        double ceiling = ceilingCount / seconds;
        System.out.printf("ceiling: %d points straight to InfluxDB in %.2f s = %.0f readings/s (5000-point requests, 4 writers)%n",
                ceilingCount, seconds, ceiling);
        System.out.printf("RESULT http %.0f readings/s = %.0f%% of ceiling; mqtt %.0f readings/s = %.0f%% of ceiling; ceiling %.0f readings/s%n",
                httpRate, 100 * httpRate / ceiling, mqttRate, 100 * mqttRate / ceiling, ceiling);
        influx.query(new Query("DROP DATABASE \"" + ceilingDb + "\""));
        influx.close();
        System.exit(0);
    }

    interface GatewayLoop {
        void run(int gateway) throws Exception;
    }

    private static void runGateways(int gateways, GatewayLoop loop) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(gateways);
        List<Future<?>> all = new ArrayList<>();
        for (int g = 0; g < gateways; g++) {
            int id = g;
            all.add(pool.submit(() -> {
                loop.run(id);
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        pool.shutdown();
    }

    interface Phase {
        void run() throws Exception;
    }

    private static double timed(String door, long expected, InfluxDB influx, String db, List<String> ids, Phase phase) throws Exception {
        long start = System.nanoTime();
        phase.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        String prefix = ids.get(0).substring(0, ids.get(0).lastIndexOf('-') + 1);
        long stored = count(influx, db, prefix);
        System.out.printf("%s: %d of %d readings stored (counted in InfluxDB) in %.2f s = %.0f readings/s%n",
                door, stored, expected, seconds, stored / seconds);
        if (stored != expected) {
            throw new IllegalStateException(door + ": " + stored + " readings in InfluxDB, expected " + expected);
        }
        return stored / seconds;
    }

    private static long count(InfluxDB influx, String db, String gatewayPrefix) {
        long total = 0;
        for (String q : List.of("SELECT count(value) FROM strain", "SELECT count(rms) FROM vibration",
                "SELECT count(peak) FROM vibration")) {
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
                out.add(Reading.sample("deck.strain-" + gauge, Quantity.STRAIN, end.minusMillis(100L * (strainPerGauge - i)),
                        120 + 30 * Math.sin(i / 7.0) + gauge));
            }
        }
        int features = (readings - out.size()) / 2;
        for (int i = 0; i < features; i++) {
            out.add(new Reading("deck.acc", Quantity.VIBRATION_RMS, Statistic.SAMPLE, end.minusSeconds(features - i), 0.01 + i * 1e-4, Quality.OK));
        }
        for (int i = 0; out.size() < readings; i++) {
            out.add(new Reading("deck.acc", Quantity.VIBRATION_PEAK, Statistic.SAMPLE, end.minusSeconds(readings - i), 0.05, Quality.OK));
        }
        return new Batch(1, gatewayId, "bridge-bench", "boot-bench", sequence, end, ClockSync.SYNCED, out, List.of(), null);
    }

    private static String register(HttpClient http, String collector, String admin, String id) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(collector + "/admin/gateways"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\",\"siteId\":\"bridge-bench\",\"siteKind\":\"bridge\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = TOKEN.matcher(r.body());
        if (r.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("registering " + id + ": " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }
}
