package de.dos2030.iot.edge.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP pull against a JDK HTTP server playing the collector's endpoint. */
class DesiredPullTest {

    HttpServer server;
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();
    final List<String> received = new CopyOnWriteArrayList<>();
    volatile int nextStatus = 200;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(DesiredPull.PATH, exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            ifNoneMatch.add(String.valueOf(exchange.getRequestHeaders().getFirst("If-None-Match")));
            if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
            } else if (nextStatus == 200) {
                byte[] body = "{\"config\":null,\"agent\":null}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("ETag", "\"v1\"");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.sendResponseHeaders(nextStatus, -1);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    DesiredPull pull() {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        return new DesiredPull(
                base,
                Optional.of("gw-token"),
                Duration.ofMinutes(5),
                b -> received.add(new String(b, StandardCharsets.UTF_8)));
    }

    @Test
    void sendsTheTokenAndAsksWithTheLastEtagSoAnUnchangedDocumentCostsA304() {
        DesiredPull pull = pull();

        assertThat(pull.pull()).isEqualTo(200);
        assertThat(pull.pull()).isEqualTo(304);

        assertThat(authorizations).containsOnly("Bearer gw-token");
        assertThat(ifNoneMatch).containsExactly("null", "\"v1\"");
        assertThat(received).containsExactly("{\"config\":null,\"agent\":null}");
        pull.close();
    }

    @Test
    void nothingDesiredHandsNothingOn() {
        nextStatus = 204;
        DesiredPull pull = pull();

        assertThat(pull.pull()).isEqualTo(204);
        assertThat(received).isEmpty();
        pull.close();
    }
}
