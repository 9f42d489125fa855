package de.dos2030.iot.collector;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A real local HTTP server receiving webhooks: records every request, answers a settable status, can hold requests. */
public final class TestWebhookReceiver implements AutoCloseable {
    /** One request as received, with the status it was answered with. */
    public record Received(String body, Map<String, List<String>> headers, int answered) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst()
                    .map(e -> e.getValue().get(0))
                    .orElse(null);
        }
    }

    private final HttpServer server;
    public final List<Received> received = new CopyOnWriteArrayList<>();
    public final AtomicInteger status = new AtomicInteger(200);
    private volatile CountDownLatch hold = new CountDownLatch(0);

    public TestWebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            try {
                hold.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int code = status.get();
            received.add(new Received(
                    new String(body, StandardCharsets.UTF_8), Map.copyOf(exchange.getRequestHeaders()), code));
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Requests wait until {@link #release} is called. */
    public void holdRequests() {
        hold = new CountDownLatch(1);
    }

    public void release() {
        hold.countDown();
    }

    /** Requests answered 2xx. */
    public List<Received> accepted() {
        return received.stream().filter(r -> r.answered() / 100 == 2).toList();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
