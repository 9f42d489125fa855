package de.dos2030.iot.collector.alerts.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestWebhookReceiver;
import de.dos2030.iot.collector.alerts.Alert;
import de.dos2030.iot.collector.alerts.AlertNotification;
import de.dos2030.iot.collector.alerts.AlertService;
import de.dos2030.iot.collector.alerts.AlertSignal;
import de.dos2030.iot.collector.alerts.delivery.Delivery;
import de.dos2030.iot.collector.alerts.delivery.Subscription;
import de.dos2030.iot.collector.alerts.delivery.WebhookSender;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Severity;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The property behind routing: whatever the window (random days, hours, zone, bypass) and whatever happens
 * (random raises, severity changes, acknowledgements, clears, grouped and plain rules, time passing), every
 * recorded step reaches the subscriber exactly once, alone, in a digest or in a group. Seeded: a failure names
 * its seed.
 */
class NoStepLostIT {
    static final String[] ZONES = {"UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"};
    static final String[] DAYS = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};
    static TestCollector collector;
    static JsonMapper json;
    static String engineer;
    static AlertService alerts;
    static RoutingWorker worker;

    @BeforeAll
    static void start() {
        collector = new TestCollector(Map.of("test.mutable-clock", true, "collector.routing.interval", "1h"));
        json = collector.context.getBean(JsonMapper.class);
        engineer = collector.apiToken("eng-prop", Role.ENGINEER);
        alerts = collector.context.getBean(AlertService.class);
        worker = collector.context.getBean(RoutingWorker.class);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    static HttpResponse<String> call(String method, String path, String body) throws Exception {
        return collector.send(method, path, engineer, body);
    }

    static List<Delivery> deliveries(String subscriptionId) throws Exception {
        HttpResponse<String> r =
                call("GET", "/api/v1/subscriptions/" + subscriptionId + "/deliveries?limit=1000", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readValue(r.body(), Argument.listOf(Delivery.class));
    }

    @Test
    void noRecordedStepIsEverLostOverRandomWindowsAndAlertSequences() throws Exception {
        try (TestWebhookReceiver receiver = new TestWebhookReceiver()) {
            for (long seed = 1; seed <= 8; seed++) {
                runOne(seed, receiver);
            }
            // the seeds reach every path: single steps, digests and groups
            List<String> kinds = new ArrayList<>();
            for (TestWebhookReceiver.Received r : receiver.accepted()) {
                kinds.add(json.readValue(r.body(), WebhookSender.Body.class)
                        .event()
                        .kind());
            }
            assertThat(kinds).contains("raised", "digest", "grouped");
            System.out.println("NoStepLostIT: " + kinds.size() + " messages, "
                    + kinds.stream().filter("digest"::equals).count() + " digests, "
                    + kinds.stream().filter(k -> k.startsWith("grouped")).count() + " groups");
        }
    }

    private void runOne(long seed, TestWebhookReceiver receiver) throws Exception {
        Random random = new Random(seed);
        String site = "prop-site-" + seed;
        HttpResponse<String> created = call(
                "POST",
                "/api/v1/subscriptions",
                "{\"channel\":\"webhook\",\"target\":\"" + receiver.url() + "\",\"filter\":{\"siteId\":\"" + site
                        + "\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Subscription sub = json.readValue(created.body(), Subscription.class);
        String window = "none";
        if (random.nextInt(5) > 0) {
            List<String> days = new ArrayList<>();
            for (String d : DAYS) {
                if (random.nextBoolean()) {
                    days.add(d);
                }
            }
            if (days.isEmpty()) {
                days.add(DAYS[random.nextInt(7)]);
            }
            int from = random.nextInt(23);
            int to = from + 1 + random.nextInt(24 - from);
            window = "{\"zone\":\"" + ZONES[random.nextInt(ZONES.length)] + "\",\"days\":\"" + String.join(",", days)
                    + "\",\"from\":\"" + String.format("%02d:00", from) + "\",\"to\":\"" + String.format("%02d:00", to)
                    + "\",\"criticalBypass\":" + random.nextBoolean() + "}";
            HttpResponse<String> put = call("PUT", "/api/v1/subscriptions/" + sub.id() + "/window", window);
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        }
        String context = "seed " + seed + ", window " + window;

        Set<String> raisedAlerts = new HashSet<>();
        int actions = 10 + random.nextInt(15);
        for (int i = 0; i < actions; i++) {
            String gateway = "prop-gw" + seed + "-" + random.nextInt(3);
            String alertId = "p-" + random.nextInt(4);
            String rule = random.nextInt(3) == 0 ? "gateway-offline" : "co2-high";
            int what = random.nextInt(4);
            if (what == 3 && raisedAlerts.contains(gateway + "/" + alertId)) {
                call("POST", "/api/v1/alerts/" + gateway + "/" + alertId + "/acknowledge", "{}");
            } else {
                Severity severity = Severity.values()[random.nextInt(3)];
                AlertState state = what == 2 ? AlertState.CLEARED : AlertState.RAISED;
                alerts.record(new AlertSignal(
                        AlertSignal.Source.SERVER,
                        gateway,
                        site,
                        "school",
                        alertId,
                        rule,
                        null,
                        null,
                        severity,
                        state,
                        null,
                        null,
                        collector.clock().instant().truncatedTo(ChronoUnit.MILLIS),
                        "step " + i));
                raisedAlerts.add(gateway + "/" + alertId);
            }
            collector
                    .clock()
                    .advance(Duration.ofMinutes(random.nextInt(4) == 0 ? random.nextInt(3000) : random.nextInt(3)));
            if (random.nextBoolean()) {
                worker.run();
            }
        }

        // let time run until nothing waits any more (a window opens at most a week later)
        for (int round = 0; round < 40; round++) {
            worker.run();
            List<Delivery> held = deliveries(sub.id()).stream()
                    .filter(d -> d.status().equals("held"))
                    .toList();
            if (held.isEmpty()) {
                break;
            }
            Instant next = held.stream()
                    .map(Delivery::nextAttemptAt)
                    .min(Instant::compareTo)
                    .orElseThrow();
            Duration wait = Duration.between(collector.clock().instant(), next);
            collector.clock().advance((wait.isNegative() ? Duration.ZERO : wait).plusSeconds(1));
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        deliveries(sub.id()).stream().allMatch(d -> d.status().equals("delivered")));

        Set<Long> recorded = new HashSet<>();
        for (String key : raisedAlerts) {
            HttpResponse<String> r = call("GET", "/api/v1/alerts/" + key, null);
            if (r.statusCode() == 200) {
                json.readValue(r.body(), Alert.class).events().forEach(s -> recorded.add(s.eventId()));
            }
        }
        List<Delivery> all = deliveries(sub.id());
        assertThat(all).as(context).extracting(Delivery::eventId).doesNotHaveDuplicates();
        assertThat(new HashSet<>(all.stream().map(Delivery::eventId).toList()))
                .as(context)
                .isEqualTo(recorded);

        Thread.sleep(300);
        int stepsHeard = 0;
        List<Long> messages = new ArrayList<>();
        for (TestWebhookReceiver.Received r : receiver.accepted()) {
            WebhookSender.Body body = json.readValue(r.body(), WebhookSender.Body.class);
            if (body.subscriptionId().equals(sub.id())) {
                messages.add(body.deliveryId());
                AlertNotification n = body.event();
                boolean bundle = n.kind().equals("digest") || n.kind().startsWith("grouped");
                stepsHeard += bundle ? (int) n.message().lines().count() - 1 : 1;
            }
        }
        assertThat(messages).as(context + ": each message once").doesNotHaveDuplicates();
        assertThat(stepsHeard).as(context + ": steps heard").isEqualTo(recorded.size());
    }
}
