package de.dos2030.iot.collector.alerts.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestWebhookReceiver;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Routing on a moved clock through real webhooks: escalation after X stopped by acknowledgement, a quiet window
 * deferring every step into one digest at its opening, critical bypass, holidays from an uploaded calendar, and
 * maintenance silences with their expiry.
 */
class RoutingIT {
    static TestCollector collector;
    static JsonMapper json;
    static String engineer;
    static AlertService alerts;
    static RoutingWorker worker;

    @BeforeAll
    static void start() throws Exception {
        collector = new TestCollector(Map.of(
                "test.mutable-clock",
                true,
                // the test runs rounds itself (worker.run()) after moving the clock
                "collector.routing.interval",
                "1h"));
        json = collector.context.getBean(JsonMapper.class);
        engineer = collector.apiToken("eng-rt", Role.ENGINEER);
        alerts = collector.context.getBean(AlertService.class);
        worker = collector.context.getBean(RoutingWorker.class);
    }

    @AfterAll
    static void stop() throws Exception {
        collector.close();
    }

    static Optional<AlertNotification> record(
            String gateway, String site, String alertId, Severity severity, AlertState state) {
        return alerts.record(new AlertSignal(
                AlertSignal.Source.EDGE,
                gateway,
                site,
                "school",
                alertId,
                "co2-high",
                "room-1.co2",
                "co2",
                severity,
                state,
                1500.0,
                1400.0,
                collector.clock().instant().truncatedTo(ChronoUnit.MILLIS),
                "CO2 " + severity + " " + state));
    }

    static Subscription subscribe(TestWebhookReceiver receiver, String filter) throws Exception {
        HttpResponse<String> r = collector.send(
                "POST",
                "/api/v1/subscriptions",
                engineer,
                "{\"channel\":\"webhook\",\"target\":\"" + receiver.url() + "\",\"filter\":" + filter + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json.readValue(r.body(), Subscription.class);
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

    static AlertNotification event(TestWebhookReceiver.Received r) throws Exception {
        return json.readValue(r.body(), WebhookSender.Body.class).event();
    }

    /** Lets the dispatcher work (it runs on its own thread) and checks that nothing more arrived. */
    static void settle() throws InterruptedException {
        Thread.sleep(600);
    }

    /**
     * A fixed-offset zone in which it is now between 02:00 and 03:00 local, so a window from 08:00 is closed now and
     * opens within about six hours, whatever the time of day the test runs.
     */
    static String nightZone() {
        int utcHour = collector.clock().instant().atZone(ZoneOffset.UTC).getHour();
        int offset = Math.floorMod(2 - utcHour + 12, 24) - 12;
        return ZoneOffset.ofHours(offset).getId();
    }

    @Test
    void anUnacknowledgedCriticalAlertGoesToTheNextTierAfterItsDelayOnceAndAcknowledgementStopsTheChain()
            throws Exception {
        try (TestWebhookReceiver first = new TestWebhookReceiver();
                TestWebhookReceiver second = new TestWebhookReceiver();
                TestWebhookReceiver third = new TestWebhookReceiver()) {
            subscribe(first, "{\"siteId\":\"esc-site\"}");
            Subscription tier1 = subscribe(second, "{\"siteId\":\"esc-nowhere\"}");
            Subscription tier2 = subscribe(third, "{\"siteId\":\"esc-nowhere\"}");
            HttpResponse<String> created = call(
                    "POST",
                    "/api/v1/escalations",
                    "{\"name\":\"bridge duty\",\"filter\":{\"siteId\":\"esc-site\",\"minSeverity\":\"critical\"},"
                            + "\"tiers\":[{\"after\":\"PT15M\",\"subscriptionId\":\"" + tier1.id() + "\"},"
                            + "{\"after\":\"PT30M\",\"subscriptionId\":\"" + tier2.id() + "\"}]}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

            record("esc-gw1", "esc-site", "crit-1", Severity.CRITICAL, AlertState.RAISED);
            record("esc-gw1", "esc-site", "warn-1", Severity.WARNING, AlertState.RAISED); // below the chain's severity
            await().atMost(Duration.ofSeconds(10)).until(() -> first.accepted().size() == 2);

            collector.clock().advance(Duration.ofMinutes(14));
            worker.run();
            settle();
            assertThat(second.received).isEmpty();

            collector.clock().advance(Duration.ofMinutes(2));
            worker.run();
            worker.run(); // a second round sends nothing again
            await().atMost(Duration.ofSeconds(10)).until(() -> second.accepted().size() == 1);
            AlertNotification escalated = event(second.accepted().get(0));
            assertThat(escalated.kind()).isEqualTo("escalated");
            assertThat(escalated.alertId()).isEqualTo("crit-1");
            assertThat(escalated.message()).startsWith("Not acknowledged since ");
            assertThat(deliveries(tier1.id()))
                    .singleElement()
                    .satisfies(d -> assertThat(d.route()).isEqualTo("escalated"));

            HttpResponse<String> ack =
                    call("POST", "/api/v1/alerts/esc-gw1/crit-1/acknowledge", "{\"note\":\"on my way\"}");
            assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
            collector.clock().advance(Duration.ofMinutes(30));
            worker.run();
            settle();
            assertThat(third.received).as("acknowledged: the chain stops").isEmpty();
            assertThat(second.received).hasSize(1);

            // another raise, never acknowledged, goes through both tiers, each once
            record("esc-gw2", "esc-site", "crit-2", Severity.CRITICAL, AlertState.RAISED);
            collector.clock().advance(Duration.ofMinutes(31));
            worker.run();
            worker.run();
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            second.accepted().size() == 2 && third.accepted().size() == 1);
            assertThat(event(third.accepted().get(0)).alertId()).isEqualTo("crit-2");
            settle();
            assertThat(second.received).hasSize(2);
            assertThat(third.received).hasSize(1);
        }
    }

    @Test
    void anEscalationHeldByItsTiersClosedWindowGoesOutAloneAtTheOpeningAndOnlyOnce() throws Exception {
        try (TestWebhookReceiver tier = new TestWebhookReceiver()) {
            Subscription sub = subscribe(tier, "{\"siteId\":\"escw-site\"}");
            HttpResponse<String> put = call(
                    "PUT",
                    "/api/v1/subscriptions/" + sub.id() + "/window",
                    "{\"zone\":\"" + nightZone() + "\",\"days\":\"MON-SUN\",\"from\":\"08:00\",\"to\":\"18:00\"}");
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            Instant opening = json.readValue(put.body(), WindowController.WindowBody.class)
                    .nextOpening();
            assertThat(call(
                                    "POST",
                                    "/api/v1/escalations",
                                    "{\"filter\":{\"siteId\":\"escw-other\"},\"tiers\":[{\"after\":\"PT5M\","
                                            + "\"subscriptionId\":\"" + sub.id() + "\"}]}")
                            .statusCode())
                    .isEqualTo(201);
            record("escw-gw1", "escw-other", "e-1", Severity.WARNING, AlertState.RAISED);
            collector.clock().advance(Duration.ofMinutes(6));
            worker.run(); // the escalation waits for the tier's window
            record("escw-gw2", "escw-site", "e-2", Severity.WARNING, AlertState.RAISED); // so does this step
            assertThat(deliveries(sub.id())).hasSize(2).allMatch(d -> d.status().equals("held"));

            collector
                    .clock()
                    .advance(Duration.between(collector.clock().instant(), opening)
                            .plusSeconds(1));
            worker.run();
            worker.run();
            await().atMost(Duration.ofSeconds(10)).until(() -> tier.accepted().size() == 2);
            settle();
            worker.run();
            settle();
            assertThat(tier.received).hasSize(2);
            List<String> kinds = new java.util.ArrayList<>();
            for (TestWebhookReceiver.Received r : tier.accepted()) {
                kinds.add(event(r).alertId() + " " + event(r).kind());
            }
            assertThat(kinds).containsExactlyInAnyOrder("e-1 escalated", "e-2 raised");
        }
    }

    @Test
    void anEscalationRefusesTiersInTheWrongOrderOrOfAnotherPerson() throws Exception {
        try (TestWebhookReceiver r = new TestWebhookReceiver()) {
            Subscription s = subscribe(r, "{\"siteId\":\"esc-bad\"}");
            HttpResponse<String> backwards = call(
                    "POST",
                    "/api/v1/escalations",
                    "{\"tiers\":[{\"after\":\"PT30M\",\"subscriptionId\":\"" + s.id() + "\"},{\"after\":\"PT15M\","
                            + "\"subscriptionId\":\"" + s.id() + "\"}]}");
            assertThat(backwards.statusCode()).isEqualTo(400);
            assertThat(backwards.body()).contains("tiers[1].after PT15M must be later than the tier before");
            HttpResponse<String> unknown = call(
                    "POST",
                    "/api/v1/escalations",
                    "{\"tiers\":[{\"after\":\"PT5M\",\"subscriptionId\":\"sub-nope\"}]}");
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body()).contains("tiers[0].subscriptionId: no subscription 'sub-nope' of yours");
            HttpResponse<String> notADuration = call(
                    "POST",
                    "/api/v1/escalations",
                    "{\"tiers\":[{\"after\":\"15 minutes\",\"subscriptionId\":\"" + s.id() + "\"}]}");
            assertThat(notADuration.statusCode()).isEqualTo(400);
            assertThat(notADuration.body()).contains("is not an ISO-8601 duration");
        }
    }

    @Test
    void aQuietWindowDefersEveryStepIntoOneDigestAtItsOpening() throws Exception {
        try (TestWebhookReceiver receiver = new TestWebhookReceiver()) {
            Subscription sub = subscribe(receiver, "{\"siteId\":\"win-site\"}");
            HttpResponse<String> put = call(
                    "PUT",
                    "/api/v1/subscriptions/" + sub.id() + "/window",
                    "{\"zone\":\"" + nightZone() + "\",\"days\":\"MON-SUN\",\"from\":\"08:00\",\"to\":\"18:00\"}");
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            WindowController.WindowBody window = json.readValue(put.body(), WindowController.WindowBody.class);
            assertThat(window.open()).isFalse();
            assertThat(window.days()).isEqualTo("MON,TUE,WED,THU,FRI,SAT,SUN");

            record("win-gw1", "win-site", "w-1", Severity.WARNING, AlertState.RAISED);
            collector.clock().advance(Duration.ofMinutes(5));
            record("win-gw1", "win-site", "w-1", Severity.CRITICAL, AlertState.RAISED); // severity change
            record("win-gw2", "win-site", "w-2", Severity.INFO, AlertState.RAISED);
            collector.clock().advance(Duration.ofMinutes(5));
            assertThat(call("POST", "/api/v1/alerts/win-gw1/w-1/acknowledge", "{}")
                            .statusCode())
                    .isEqualTo(200);
            record("win-gw1", "win-site", "w-1", Severity.CRITICAL, AlertState.CLEARED);
            worker.run();
            settle();
            assertThat(receiver.received).as("the window is closed").isEmpty();
            assertThat(deliveries(sub.id())).hasSize(5).allMatch(d -> d.status().equals("held"));

            collector
                    .clock()
                    .advance(Duration.between(collector.clock().instant(), window.nextOpening())
                            .minusSeconds(1));
            worker.run();
            settle();
            assertThat(receiver.received).as("a second before the opening").isEmpty();

            collector.clock().advance(Duration.ofSeconds(2));
            worker.run();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.accepted().size() == 1);
            AlertNotification digest = event(receiver.accepted().get(0));
            assertThat(digest.kind()).isEqualTo("digest");
            assertThat(digest.siteId()).isEqualTo("win-site");
            assertThat(digest.gatewayId()).isEqualTo("several");
            assertThat(digest.message().lines())
                    .hasSize(6)
                    .first()
                    .isEqualTo("5 steps while outside the delivery window");
            assertThat(digest.message())
                    .contains(" raised warning win-site win-gw1 co2-high")
                    .contains(" severity_changed critical win-site win-gw1")
                    .contains(" raised info win-site win-gw2")
                    .contains(" acknowledged critical win-site win-gw1")
                    .contains(" cleared critical win-site win-gw1");
            settle();
            assertThat(receiver.received).hasSize(1);
            List<Delivery> after = deliveries(sub.id());
            assertThat(after).hasSize(5).allMatch(d -> d.status().equals("delivered"));
            assertThat(after).filteredOn(d -> d.route().equals("digest")).hasSize(1);

            // inside the window, steps go one by one at once
            record("win-gw2", "win-site", "w-2", Severity.INFO, AlertState.CLEARED);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.accepted().size() == 2);
            assertThat(event(receiver.accepted().get(1)).kind()).isEqualTo("cleared");
        }
    }

    @Test
    void aCriticalStepBypassesTheClosedWindowWhenTheWindowSaysSo() throws Exception {
        try (TestWebhookReceiver receiver = new TestWebhookReceiver()) {
            Subscription sub = subscribe(receiver, "{\"siteId\":\"byp-site\"}");
            assertThat(call(
                                    "PUT",
                                    "/api/v1/subscriptions/" + sub.id() + "/window",
                                    "{\"zone\":\"" + nightZone() + "\",\"days\":\"MON-SUN\",\"from\":\"08:00\","
                                            + "\"to\":\"18:00\",\"criticalBypass\":true}")
                            .statusCode())
                    .isEqualTo(200);
            record("byp-gw1", "byp-site", "b-1", Severity.CRITICAL, AlertState.RAISED);
            record("byp-gw1", "byp-site", "b-2", Severity.WARNING, AlertState.RAISED);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.accepted().size() == 1);
            AlertNotification n = event(receiver.accepted().get(0));
            assertThat(n.kind()).isEqualTo("raised");
            assertThat(n.alertId()).isEqualTo("b-1");
            settle();
            assertThat(receiver.received).hasSize(1);
            assertThat(deliveries(sub.id()))
                    .filteredOn(d -> d.status().equals("held"))
                    .singleElement()
                    .satisfies(d -> assertThat(d.alertId()).isEqualTo("b-2"));

            // without the window, what waited goes at once
            assertThat(call("DELETE", "/api/v1/subscriptions/" + sub.id() + "/window", null)
                            .statusCode())
                    .isEqualTo(204);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.accepted().size() == 2);
            assertThat(event(receiver.accepted().get(1)).alertId()).isEqualTo("b-2");
        }
    }

    @Test
    void holidaysFromAnUploadedCalendarKeepTheWindowClosedAllDay() throws Exception {
        try (TestWebhookReceiver receiver = new TestWebhookReceiver()) {
            Subscription sub = subscribe(receiver, "{\"siteId\":\"hol-site\"}");
            assertThat(call(
                                    "PUT",
                                    "/api/v1/subscriptions/" + sub.id() + "/window",
                                    "{\"zone\":\"UTC\",\"days\":\"MON-SUN\",\"from\":\"00:00\",\"to\":\"24:00\"}")
                            .statusCode())
                    .isEqualTo(200);
            LocalDate today = collector.clock().instant().atZone(ZoneOffset.UTC).toLocalDate();
            String day = DateTimeFormatter.BASIC_ISO_DATE.format(today);
            String next = DateTimeFormatter.BASIC_ISO_DATE.format(today.plusDays(2));
            String ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:" + day + "\r\nDTEND;VALUE=DATE:" + next
                    + "\r\nSUMMARY:Brückentage\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
            HttpResponse<String> imported = upload(sub.id(), ics);
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            assertThat(imported.body()).contains("\"days\":2");

            record("hol-gw1", "hol-site", "h-1", Severity.WARNING, AlertState.RAISED);
            settle();
            assertThat(receiver.received).isEmpty();
            WindowController.WindowBody w = json.readValue(
                    call("GET", "/api/v1/subscriptions/" + sub.id() + "/window", null)
                            .body(),
                    WindowController.WindowBody.class);
            assertThat(w.open()).isFalse();
            assertThat(w.nextOpening())
                    .isEqualTo(today.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant());
            assertThat(w.holidays())
                    .extracting(HolidayCalendar.Holiday::name)
                    .containsExactly("Brückentage", "Brückentage");

            HttpResponse<String> broken =
                    upload(sub.id(), "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:tomorrow\nEND:VEVENT\n");
            assertThat(broken.statusCode()).isEqualTo(400);
            assertThat(broken.body()).contains("calendar: line 3: 'tomorrow' is not a date YYYYMMDD");
        }
    }

    private static HttpResponse<String> upload(String subscriptionId, String ics) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        collector.url("/api/v1/subscriptions/" + subscriptionId + "/window/holidays")))
                                .header("Authorization", "Bearer " + engineer)
                                .header("Content-Type", "text/calendar")
                                .POST(HttpRequest.BodyPublishers.ofString(ics))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aWindowWithBadFieldsIsRefusedNamingTheField() throws Exception {
        try (TestWebhookReceiver receiver = new TestWebhookReceiver()) {
            Subscription sub = subscribe(receiver, "{\"siteId\":\"badwin-site\"}");
            HttpResponse<String> r = call(
                    "PUT",
                    "/api/v1/subscriptions/" + sub.id() + "/window",
                    "{\"days\":\"MON-FRI\",\"from\":\"18:00\",\"to\":\"08:00\"}");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("from 18:00 must be before to 08:00");
            assertThat(call("GET", "/api/v1/subscriptions/" + sub.id() + "/window", null)
                            .statusCode())
                    .isEqualTo(404);
            assertThat(call(
                                    "PUT",
                                    "/api/v1/subscriptions/sub-nope/window",
                                    "{\"days\":\"MON\",\"from\":\"08:00\",\"to\":\"09:00\"}")
                            .statusCode())
                    .isEqualTo(404);
        }
    }
}
