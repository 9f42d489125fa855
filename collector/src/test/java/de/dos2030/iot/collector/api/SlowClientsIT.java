package de.dos2030.iot.collector.api;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.query.QueryConfig;
import de.dos2030.iot.collector.storage.InfluxConfig;
import io.micronaut.http.server.HttpServerConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, finding 9 (slow clients): 500 connections that send half a request and then nothing
 * are closed by the collector within its idle timeout (the shipped {@code micronaut.server.idle-timeout},
 * 40 s), and a normal request is answered while they are open.
 */
class SlowClientsIT {
    static final int CONNECTIONS = 500;
    static TestCollector collector;

    @BeforeAll
    static void start() {
        collector = new TestCollector(Map.of());
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void idleTimeoutOutlastsTheLongestAnswer() {
        Duration idle = collector.context.getBean(HttpServerConfiguration.class).getIdleTimeout();
        assertThat(idle).isEqualTo(Duration.ofSeconds(40));
        assertThat(idle)
                .isGreaterThan(collector.context.getBean(QueryConfig.class).requestTimeout())
                .isGreaterThan(collector.context.getBean(InfluxConfig.class).ingestTimeout());
    }

    @Test
    void closesHalfOpenConnectionsWithinTheIdleTimeoutAndServesOthersMeanwhile() throws Exception {
        Duration idle = collector.context.getBean(HttpServerConfiguration.class).getIdleTimeout();
        List<Socket> slow = new ArrayList<>();
        try {
            long opened = System.nanoTime();
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", collector.server.getPort()), 5_000);
                String partial = i % 2 == 0
                        ? "POST /api/v1/batches HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n{\"gatewayId\":"
                        : "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ";
                s.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                slow.add(s);
            }

            assertThat(collector.get("/health", null).statusCode())
                    .as("a normal request while %d half-open connections wait", CONNECTIONS)
                    .isEqualTo(200);

            Duration bound = idle.plusSeconds(10);
            for (Socket s : slow) {
                long left = bound.toMillis() - (System.nanoTime() - opened) / 1_000_000;
                assertThat(closedWithin(s, Math.max(1, left)))
                        .as("connection closed by the collector within %s of opening", bound)
                        .isTrue();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - opened);
            System.out.printf(
                    "SlowClientsIT: %d half-open connections closed after %.1f s (idle-timeout %s)%n",
                    CONNECTIONS, took.toMillis() / 1000.0, idle);
            assertThat(took).isGreaterThanOrEqualTo(idle.minusSeconds(1));
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    /** Whether the peer closed (end of stream or reset) within {@code millis}; whatever it sent first is skipped. */
    private static boolean closedWithin(Socket s, long millis) throws IOException {
        long deadline = System.currentTimeMillis() + millis;
        InputStream in = s.getInputStream();
        byte[] buffer = new byte[4096];
        while (true) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            try {
                if (in.read(buffer) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset
            }
        }
    }
}
