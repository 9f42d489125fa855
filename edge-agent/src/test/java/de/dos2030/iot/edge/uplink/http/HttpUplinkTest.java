package de.dos2030.iot.edge.uplink.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import de.dos2030.iot.edge.uplink.Credentials;
import de.dos2030.iot.edge.uplink.MessageKind;
import de.dos2030.iot.edge.uplink.SendOutcome;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.codec.BatchCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP uplink against the JDK's own HTTP server playing the collector. */
class HttpUplinkTest {
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<Batch> received = new CopyOnWriteArrayList<>();
    HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    String serve(Answer answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/batches", ex -> {
            authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
            assertThat(ex.getRequestHeaders().getFirst("Content-Type")).isEqualTo("application/cbor");
            try {
                received.add(BatchCodec.cbor().decode(ex.getRequestBody().readAllBytes()));
            } catch (Exception e) {
                respond(ex, 400, e.getMessage());
                return;
            }
            answer.answer(ex);
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    SendOutcome send(String url, Credentials credentials) throws Exception {
        HttpUplink uplink = new HttpUplink(URI.create(url), credentials, Duration.ofSeconds(3));
        Batch batch = new Batch(
                Batch.FORMAT_VERSION,
                "gw-5",
                "school-1",
                "boot-1",
                9,
                Instant.now(),
                ClockSync.SYNCED,
                List.of(Reading.sample("room-1.co2", Quantity.CO2, Instant.now(), 700)),
                List.of(),
                null);
        return uplink.send(
                        MessageKind.BATCH, batch.identity(), BatchCodec.cbor().encode(batch))
                .get(10, TimeUnit.SECONDS);
    }

    static Credentials token(String token) {
        return new Credentials(
                Optional.empty(), Optional.empty(), Optional.of(token), Optional.empty(), Optional.empty());
    }

    @Test
    void postsTheBatchWithTheBearerTokenAndTreats200AsStored() throws Exception {
        String url = serve(ex -> respond(ex, 200, "{\"status\":\"stored\",\"stored\":1,\"rejected\":[]}"));
        assertThat(send(url, token("s3cret"))).isInstanceOf(SendOutcome.Stored.class);
        assertThat(authorizations).containsExactly("Bearer s3cret");
        assertThat(received).singleElement().extracting(Batch::identity).isEqualTo("gw-5/boot-1/9");
    }

    @Test
    void passesTheCollectorsTimesOnForTheClockOffset() throws Exception {
        String url = serve(ex -> respond(
                ex,
                200,
                "{\"status\":\"stored\",\"stored\":1,\"rejected\":[],\"receivedAt\":1764842400120,"
                        + "\"answeredAt\":1764842400135}"));
        assertThat(send(url, token("s3cret")))
                .isInstanceOfSatisfying(
                        SendOutcome.Stored.class,
                        s -> assertThat(s.collectorTimes())
                                .hasValue(new SendOutcome.CollectorTimes(
                                        java.time.Instant.ofEpochMilli(1764842400120L),
                                        java.time.Instant.ofEpochMilli(1764842400135L))));
    }

    @Test
    void treats400AsRejectedWithReasons() throws Exception {
        String url = serve(
                ex -> respond(
                        ex,
                        400,
                        "{\"status\":\"rejected\",\"rejected\":[{\"path\":\"gatewayId\",\"reason\":\"not the authenticated gateway\"}]}"));
        SendOutcome outcome = send(url, token("t"));
        assertThat(outcome).isEqualTo(new SendOutcome.Rejected("HTTP 400: gatewayId: not the authenticated gateway"));
    }

    @Test
    void treats401AsRejected() throws Exception {
        String url = serve(ex -> respond(ex, 401, "unknown token"));
        assertThat(send(url, Credentials.none())).isEqualTo(new SendOutcome.Rejected("HTTP 401: unknown token"));
        assertThat(authorizations).containsOnlyNulls();
    }

    @Test
    void treats503AsRetryLaterWithRetryAfter() throws Exception {
        String url = serve(ex -> {
            ex.getResponseHeaders().add("Retry-After", "17");
            respond(ex, 503, "");
        });
        assertThat(send(url, token("t")))
                .isEqualTo(new SendOutcome.RetryLater("HTTP 503", Optional.of(Duration.ofSeconds(17))));
    }

    @Test
    void retriesLaterWhenTheCollectorIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThat(send("http://127.0.0.1:" + port, token("t"))).isInstanceOf(SendOutcome.RetryLater.class);
    }
}
