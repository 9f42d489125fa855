package de.dos2030.iot.collector.captures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.RawCapture;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Raw captures through the HTTP door into the registry database, and back out through the alert API. */
class CaptureIngestIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static TestCollector collector;
    static String gateway;
    static String token;
    static String viewer;
    static final Instant TRIGGER = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);

    @BeforeAll
    static void start() {
        collector = new TestCollector(Map.of());
        gateway = "cap-gw-" + UUID.randomUUID().toString().substring(0, 8);
        token = collector.register(gateway, "cap-bridge", SiteKind.BRIDGE).token();
        viewer = collector.apiToken("cap-viewer", Role.VIEWER);
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    HttpResponse<String> post(BatchCodec codec, RawCapture... captures) throws Exception {
        return post(codec, 0, captures);
    }

    HttpResponse<String> post(BatchCodec codec, long sequence, RawCapture... captures) throws Exception {
        return collector.postBatch(
                codec.encode(CaptureBatches.batch(gateway, "cap-bridge", "boot-1", sequence, captures)),
                codec.mediaType(),
                token);
    }

    @Test
    void storesACaptureSentAsCborAndServesItsSamplesAsJsonAndCsv() throws Exception {
        RawCapture deck = CaptureBatches.capture("deck.rms.above-1", "deck", TRIGGER);
        RawCapture girder = CaptureBatches.capture("deck.rms.above-1", "girder", TRIGGER);
        assertThat(post(BatchCodec.cbor(), deck, girder).statusCode()).isEqualTo(200);

        HttpResponse<String> answer = collector.get("/api/v1/alerts/" + gateway + "/deck.rms.above-1/captures", viewer);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("captures")).hasSize(2);
        JsonNode first = body.get("captures").get(0);
        assertThat(first.get("sensorId").asText()).isEqualTo("deck");
        assertThat(first.get("quantity").asText()).isEqualTo("acceleration");
        assertThat(first.get("unit").asText()).isEqualTo("g");
        assertThat(first.get("beforeSeconds").asDouble()).isEqualTo(30.0);
        assertThat(first.get("sampleCount").asInt()).isEqualTo(4_001);
        assertThat(Instant.parse(first.get("triggerTime").asText())).isEqualTo(TRIGGER);
        JsonNode values = first.get("values");
        assertThat(values).hasSize(4_001);
        assertThat(values.get(17).isNull()).as("the unusable sample").isTrue();
        assertThat((float) values.get(100).asDouble()).isEqualTo(deck.value(100));

        HttpResponse<String> csv = collector.get(body.get("csv").asText(), viewer);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        String[] lines = csv.body().split("\n");
        assertThat(lines).hasSize(1 + 2 * 4_001);
        assertThat(lines[0]).isEqualTo("sensor_id,quantity,unit,time,seconds_from_trigger,value");
        assertThat(lines[1 + 3_000]).startsWith("deck,acceleration,g," + TRIGGER + ",0.0000,");
        assertThat(lines[1 + 17]).endsWith(",");
    }

    @Test
    void theAlertLinksToItsCaptures() throws Exception {
        RawCapture c = CaptureBatches.capture("deck.rms.above-4", "deck", TRIGGER);
        de.dos2030.iot.model.AlertEvent raised = new de.dos2030.iot.model.AlertEvent(
                c.alertId(),
                "deck-rms",
                "deck",
                Quantity.VIBRATION_RMS,
                de.dos2030.iot.model.Severity.WARNING,
                de.dos2030.iot.model.AlertState.RAISED,
                0.004,
                0.002,
                TRIGGER,
                "vibration RMS above 0.002 g");
        var alertBatch = new de.dos2030.iot.model.Batch(
                1,
                gateway,
                "cap-bridge",
                "boot-1",
                20,
                TRIGGER,
                de.dos2030.iot.model.ClockSync.SYNCED,
                java.util.List.of(),
                java.util.List.of(raised),
                null);
        assertThat(collector
                        .postBatch(BatchCodec.json().encode(alertBatch), "application/json", token)
                        .statusCode())
                .isEqualTo(200);
        assertThat(post(BatchCodec.cbor(), 21, c).statusCode()).isEqualTo(200);

        JsonNode alert = JSON.readTree(collector
                .get("/api/v1/alerts/" + gateway + "/" + c.alertId(), viewer)
                .body());
        String link = alert.get("captures").asText();
        assertThat(link).isEqualTo("/api/v1/alerts/" + gateway + "/" + c.alertId() + "/captures");
        assertThat(JSON.readTree(collector.get(link, viewer).body()).get("captures"))
                .hasSize(1);
    }

    @Test
    void storesTheSameAlertAndSensorOnceWhateverTheDoorsEncoding() throws Exception {
        RawCapture c = CaptureBatches.capture("strain.band.above-2", "girder", TRIGGER);
        assertThat(post(BatchCodec.cbor(), 5, c).statusCode()).isEqualTo(200);
        assertThat(post(BatchCodec.json(), 5, c).statusCode()).as("the re-send").isEqualTo(200);
        assertThat(post(BatchCodec.json(), 6, c).statusCode())
                .as("another batch, same capture")
                .isEqualTo(200);

        JsonNode body = JSON.readTree(collector
                .get("/api/v1/alerts/" + gateway + "/strain.band.above-2/captures", viewer)
                .body());
        assertThat(body.get("captures")).hasSize(1);
    }

    @Test
    void refusesABadCaptureNamingTheFieldAndStoresNothing() throws Exception {
        RawCapture good = CaptureBatches.capture("bad.capture-3", "deck", TRIGGER);
        RawCapture bad = new RawCapture(
                good.alertId(), good.sensorId(), Quantity.CO2, good.firstSampleTime(), 100, TRIGGER, good.values());
        HttpResponse<String> r = post(BatchCodec.json(), 9, bad);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("captures[0].quantity");
        assertThat(collector
                        .get("/api/v1/alerts/" + gateway + "/bad.capture-3/captures", viewer)
                        .statusCode())
                .as("nothing stored, and no such alert")
                .isEqualTo(404);
    }

    @Test
    void answersBadAlertIdsWith400NamingTheParameterAndAnonymousCallersWith401() throws Exception {
        HttpResponse<String> bad = collector.get("/api/v1/alerts/" + gateway + "/no%20such/captures", viewer);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("alertId");
        assertThat(collector
                        .get("/api/v1/alerts/" + gateway + "/deck.rms.above-1/captures", null)
                        .statusCode())
                .isEqualTo(401);
    }
}
