package de.dos2030.iot.collector.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.standardwebhooks.Webhook;
import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.TestWebhookReceiver;
import de.dos2030.iot.collector.alerts.delivery.Subscription;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.LocationKind;
import de.dos2030.iot.model.PlaceReport;
import de.dos2030.iot.model.Severity;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import io.micronaut.json.JsonMapper;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A classroom's CO2 alert reaches its subscribers in their language and shape: a Teams card in English and a
 * Matrix message in German, both verified with the Standard Webhooks library and the secret the API gave,
 * and an English e-mail through GreenMail; names come from the place the gateway reported.
 */
class SubscriberTextsIT {
    static TestCollector collector;
    static GreenMail smtp;
    static JsonMapper json;
    static String engineer;
    static String gatewayToken;

    @BeforeAll
    static void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        collector = new TestCollector(Map.of(
                "collector.alerts.smtp.host", "127.0.0.1",
                "collector.alerts.smtp.port", smtp.getSmtp().getPort(),
                "collector.alerts.smtp.from", "dos@collector.test"));
        json = collector.context.getBean(JsonMapper.class);
        engineer = collector.apiToken("eng-tx", Role.ENGINEER);
        gatewayToken = collector.register("tx-gw", "tx-school", SiteKind.SCHOOL).token();
        PlaceReport place = new PlaceReport(
                SiteKind.SCHOOL,
                "Gesamtschule Nord",
                null,
                null,
                null,
                "Europe/Berlin",
                List.of(new PlaceReport.Location("r204", LocationKind.ROOM, "Raum 204", 2, "204", null)),
                Map.of("room-1.co2", "r204"));
        post(TestBatches.withPlace("tx-gw", "tx-school", "boot-tx", 0, List.of(), place));
    }

    @AfterAll
    static void stop() {
        collector.close();
        smtp.stop();
    }

    @Test
    void teamsMatrixAndEmailSubscribersGetTheAlertInTheirLanguageSignedByStandardWebhooks() throws Exception {
        try (TestWebhookReceiver teams = new TestWebhookReceiver();
                TestWebhookReceiver matrix = new TestWebhookReceiver()) {
            Subscription teamsSub = subscribe("{\"channel\":\"webhook\",\"target\":\"" + teams.url()
                    + "\",\"language\":\"en\",\"preset\":\"teams\",\"filter\":{\"siteId\":\"tx-school\"}}");
            Subscription matrixSub = subscribe("{\"channel\":\"webhook\",\"target\":\"" + matrix.url()
                    + "\",\"preset\":\"matrix\",\"filter\":{\"siteId\":\"tx-school\"}}");
            subscribe("{\"channel\":\"email\",\"target\":\"caretaker@school.test\",\"language\":\"en\","
                    + "\"filter\":{\"siteId\":\"tx-school\"}}");
            assertThat(teamsSub.language()).isEqualTo("en");
            assertThat(teamsSub.preset()).isEqualTo("teams");
            assertThat(matrixSub.language()).isEqualTo("de");
            // a Standard Webhooks secret: whsec_ and standard base64, as the scheme's libraries decode it
            assertThat(Base64.getDecoder().decode(teamsSub.secret().substring("whsec_".length())))
                    .hasSize(32);

            Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
            post(TestBatches.alerts(
                    "tx-gw",
                    "tx-school",
                    "boot-tx",
                    1,
                    TestBatches.co2Alert("tx-1", Severity.WARNING, AlertState.RAISED, 1850, 1500, t)));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> teams.accepted().size() == 1
                            && matrix.accepted().size() == 1
                            && smtp.getReceivedMessages().length == 1);

            TestWebhookReceiver.Received card = teams.accepted().get(0);
            verify(teamsSub.secret(), card);
            assertThat(card.body())
                    .contains("\"type\":\"AdaptiveCard\"")
                    .contains("Please open the windows now: CO2 1,850 ppm in Raum 204, Gesamtschule Nord");
            assertThat(card.header("webhook-id")).isEqualTo("dlv-" + card.header("X-DOS-Delivery"));
            assertThat(card.header("X-DOS-Signature")).startsWith("t=" + card.header("webhook-timestamp") + ",v1=");

            TestWebhookReceiver.Received message = matrix.accepted().get(0);
            verify(matrixSub.secret(), message);
            @SuppressWarnings("unchecked")
            Map<String, Object> m = json.readValue(message.body(), Map.class);
            assertThat(m).containsEntry("msgtype", "m.text");
            assertThat((String) m.get("body"))
                    .startsWith("Bitte jetzt lüften: CO2 1.850 ppm in Raum 204, Gesamtschule Nord");

            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertThat(mail.getSubject())
                    .isEqualTo("[Warning] Please open the windows now: CO2 1,850 ppm in Raum 204, Gesamtschule Nord");
            assertThat(mail.getHeader("Content-Language")).containsExactly("en");
            assertThat((String) mail.getContent())
                    .contains("Value: 1,850 ppm")
                    .contains("Limit: 1,500 ppm")
                    .contains("Place: Raum 204, Gesamtschule Nord");
        }
    }

    @Test
    void refusesAnUnknownLanguageOrAChatPresetOnAnotherChannelNamingTheField() throws Exception {
        HttpResponse<String> language = collector.send(
                "POST",
                "/api/v1/subscriptions",
                engineer,
                "{\"channel\":\"email\",\"target\":\"a@school.test\",\"language\":\"fr\"}");
        assertThat(language.statusCode()).isEqualTo(400);
        assertThat(language.body()).contains("language 'fr' is unknown (allowed: de, en)");

        HttpResponse<String> preset = collector.send(
                "POST",
                "/api/v1/subscriptions",
                engineer,
                "{\"channel\":\"email\",\"target\":\"a@school.test\",\"preset\":\"teams\"}");
        assertThat(preset.statusCode()).isEqualTo(400);
        assertThat(preset.body()).contains("preset 'teams' is for webhooks only");
    }

    @Test
    void aSubscriberChangesTheLanguageOfTheTexts() throws Exception {
        Subscription s = subscribe("{\"channel\":\"email\",\"target\":\"b@school.test\"}");
        assertThat(s.language()).isEqualTo("de");
        HttpResponse<String> r =
                collector.send("PUT", "/api/v1/subscriptions/" + s.id(), engineer, "{\"language\":\"en\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json.readValue(r.body(), Subscription.class).language()).isEqualTo("en");
    }

    private static void verify(String secret, TestWebhookReceiver.Received r) {
        Map<String, List<String>> headers = new HashMap<>();
        r.headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        assertThatCode(() -> new Webhook(secret).verify(r.body(), headers)).doesNotThrowAnyException();
    }

    private static Subscription subscribe(String body) throws Exception {
        HttpResponse<String> r = collector.send("POST", "/api/v1/subscriptions", engineer, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json.readValue(r.body(), Subscription.class);
    }

    private static void post(de.dos2030.iot.model.Batch b) throws Exception {
        HttpResponse<String> r = collector.postBatch(BatchCodec.json().encode(b), "application/json", gatewayToken);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
