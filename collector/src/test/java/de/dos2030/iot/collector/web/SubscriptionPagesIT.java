package de.dos2030.iot.collector.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestWebhookReceiver;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The subscription pages do what the API does, through the same service: a form with errors per
 * field, a webhook subscription that gets its secret once, a test message that really reaches (or
 * does not reach) the receiver, and the retry of a dead delivery. A real receiver, a real door.
 */
class SubscriptionPagesIT {
    static TestCollector collector;
    static TestWebhookReceiver receiver;
    static String engineer;

    @BeforeAll
    static void start() throws Exception {
        receiver = new TestWebhookReceiver();
        collector = new TestCollector(Map.of("collector.delivery.max-attempts", 1));
        engineer = collector.apiToken("subs-engineer", Role.ENGINEER);
    }

    @AfterAll
    static void stop() throws Exception {
        collector.close();
        receiver.close();
    }

    @Test
    void aFormWithMistakesNamesEachFieldAndCreatesNothing() throws Exception {
        WebClient browser = signedIn();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "x".repeat(201));
        fields.put("channel", "webhook");
        fields.put("target", "http://169.254.169.254/latest/meta-data");
        fields.put("gateway", "not an id");
        HttpResponse<String> r = browser.submit("/abos/neu", "/abos", fields);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body())
                .contains("class=\"error-summary\"")
                .contains("href=\"#name\"", "href=\"#target\"", "href=\"#gateway\"")
                .contains("Der Name darf höchstens 200 Zeichen haben")
                .contains("Geben Sie eine erreichbare https-Adresse an")
                .contains("id=\"gateway-error\"");
        assertThat(collector.get("/api/v1/subscriptions", engineer).body()).isEqualTo("[]");
    }

    @Test
    void aTestMessageReachesTheReceiverOrSaysWhyNot() throws Exception {
        WebClient browser = signedIn();
        String id = create(browser, "Testempfänger");
        receiver.status.set(200);
        int before = receiver.received.size();
        HttpResponse<String> sent = browser.submit("/abos/" + id, "/abos/" + id + "/test", Map.of());
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).contains("Die Testnachricht ist angekommen.");
        assertThat(receiver.received).hasSize(before + 1);
        assertThat(receiver.received.get(before).body()).contains("\"kind\":\"test\"");
        assertThat(receiver.received.get(before).header("X-DOS-Signature")).startsWith("t=");

        receiver.status.set(503);
        HttpResponse<String> refused = browser.submit("/abos/" + id, "/abos/" + id + "/test", Map.of());
        assertThat(refused.body())
                .contains("Die Testnachricht ist nicht angekommen:")
                .contains("503");
    }

    @Test
    void aDeadDeliveryCanBeSentAgainFromItsPage() throws Exception {
        WebClient browser = signedIn();
        String id = create(browser, "Wiederholung");
        receiver.status.set(500);
        String token =
                collector.register("subs-gw", "subs-site", SiteKind.SCHOOL).token();
        HttpResponse<String> stored = collector.postBatch(
                BatchCodec.json().encode(TestBatches.schoolWithAlertAndHealth("subs-gw", "subs-site", "boot-s", 1)),
                "application/json",
                token);
        assertThat(stored.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.get("/abos/" + id + "?status=dead").body().contains("/wiederholen"));
        Matcher retry = Pattern.compile("action=\"(/abos/" + id + "/zustellungen/(\\d+)/wiederholen)\"")
                .matcher(browser.get("/abos/" + id + "?status=dead").body());
        assertThat(retry.find()).isTrue();
        receiver.status.set(200);
        HttpResponse<String> again = browser.submit("/abos/" + id, retry.group(1), Map.of());
        assertThat(again.statusCode()).isEqualTo(303);
        assertThat(again.headers().firstValue("Location")).hasValue("/abos/" + id + "?wiederholt=" + retry.group(2));
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        browser.get("/abos/" + id + "?status=delivered").body().contains("zugestellt"));
        assertThat(browser.get("/abos/" + id + "?status=bogus").statusCode()).isEqualTo(400);
    }

    @Test
    void aTeamsSubscriptionInEnglishMadeOnTheFormGetsItsTestMessageAsASignedCard() throws Exception {
        WebClient browser = signedIn();
        assertThat(browser.get("/abos/neu").body())
                .contains("name=\"language\"")
                .contains("id=\"preset-teams\"");
        HttpResponse<String> created = browser.submit(
                "/abos/neu",
                "/abos",
                Map.of("channel", "webhook", "target", receiver.url(), "language", "en", "preset", "teams"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Matcher secret = Pattern.compile("(whsec_[A-Za-z0-9+/=]+)").matcher(created.body());
        Matcher id = Pattern.compile("href=\"/abos/(sub-[0-9a-f]+)\"").matcher(created.body());
        assertThat(secret.find() && id.find()).isTrue();
        assertThat(browser.get("/abos/" + id.group(1)).body())
                .contains("Microsoft Teams")
                .contains("Englisch");

        receiver.status.set(200);
        int before = receiver.received.size();
        HttpResponse<String> sent = browser.submit("/abos/" + id.group(1), "/abos/" + id.group(1) + "/test", Map.of());
        assertThat(sent.body()).contains("Die Testnachricht ist angekommen.");
        TestWebhookReceiver.Received card = receiver.received.get(before);
        assertThat(card.body())
                .contains("\"type\":\"AdaptiveCard\"")
                .contains("Test message from DOS IoT, sent by subs-engineer");
        Map<String, java.util.List<String>> headers = new java.util.HashMap<>();
        card.headers().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
        new com.standardwebhooks.Webhook(secret.group(1)).verify(card.body(), headers);
    }

    @Test
    void anUnknownLanguageIsNamedAtItsField() throws Exception {
        HttpResponse<String> r = signedIn()
                .submit("/abos/neu", "/abos", Map.of("channel", "webhook", "target", receiver.url(), "language", "fr"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("href=\"#language\"").contains("Wählen Sie Deutsch oder Englisch");
    }

    private static WebClient signedIn() throws Exception {
        WebClient browser = new WebClient(collector);
        assertThat(browser.signIn(engineer, "/abos").statusCode()).isEqualTo(303);
        return browser;
    }

    /** Creates a webhook subscription through the form; returns its id. */
    private static String create(WebClient browser, String name) throws Exception {
        HttpResponse<String> created = browser.submit(
                "/abos/neu", "/abos", Map.of("name", name, "channel", "webhook", "target", receiver.url()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("Abo angelegt").contains("whsec_");
        Matcher id = Pattern.compile("href=\"/abos/(sub-[0-9a-f]+)\"").matcher(created.body());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }
}
