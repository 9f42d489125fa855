package de.dos2030.iot.collector;

import de.dos2030.iot.collector.gateways.GatewayRegistry;
import de.dos2030.iot.collector.security.ApiTokens;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.SiteKind;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** One collector for one test class: random HTTP port, in-memory registry, its own InfluxDB database. */
public final class TestCollector implements AutoCloseable {
    public static final String ADMIN_TOKEN = "it-admin-token-0123456789";
    /** collector.secrets.key of the tests: 32 bytes, Base64. */
    public static final String SECRETS_KEY = "ZG9zLXRlc3Qtc2VjcmV0cy1rZXktZm9yLWl0cy1vbmw=";

    public final String database;
    public final EmbeddedServer server;
    public final ApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();
    private final boolean dropOnClose;

    public TestCollector(Map<String, Object> overrides) {
        this(overrides, "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12), true);
    }

    /**
     * A collector on a given InfluxDB database and in-memory registry of the same name: a second
     * collector on the same name is the first one restarted (the H2 database lives as long as the JVM).
     */
    public TestCollector(Map<String, Object> overrides, String database, boolean dropOnClose) {
        this.database = database;
        this.dropOnClose = dropOnClose;
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("datasources.default.url", "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
        props.put("collector.admin.token", ADMIN_TOKEN);
        props.put("collector.secrets.key", SECRETS_KEY);
        props.put("collector.influx.url", TestInflux.DEV_URL);
        props.put("collector.influx.database", database);
        props.put("collector.influx.initial-backoff", "50ms");
        props.put("collector.influx.max-attempts", "2");
        props.put("collector.influx.ingest-timeout", "5s");
        props.put("collector.influx.retry-after", "7s");
        props.put("collector.mqtt.enabled", false);
        props.put("collector.coap.enabled", false);
        props.put("collector.http.max-payload-bytes", 262144);
        props.put("collector.liveness.enabled", false); // ITs that test the rules turn them on or call check()
        props.put("collector.delivery.poll-interval", "100ms");
        props.put("collector.delivery.allowed-private-targets", "127.0.0.1"); // TestWebhookReceiver
        props.put("collector.alerts.feed-poll", "100ms");
        props.put("collector.activity.flush-interval", "500ms");
        props.put("collector.sequences.share-interval", "300ms");
        props.putAll(overrides);
        this.context = ApplicationContext.builder()
                .properties(props)
                .eagerInitSingletons(true)
                .start();
        this.server = context.getBean(EmbeddedServer.class).start();
    }

    /** Issues an API token with this role; returns the token. */
    public String apiToken(String id, Role role) {
        return context.getBean(ApiTokens.class)
                .issue(id, id, role, new Caller(Caller.BOOTSTRAP_ADMIN, Role.ADMIN))
                .token();
    }

    public MutableClock clock() {
        return (MutableClock) context.getBean(java.time.Clock.class);
    }

    /** Any request; {@code body} null for none. */
    public HttpResponse<String> send(String method, String path, String bearer, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public GatewayRegistry.IssuedToken register(String id, String site, SiteKind kind) {
        return context.getBean(GatewayRegistry.class).register(id, site, kind);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getPort() + path;
    }

    public HttpResponse<String> get(String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postBatch(byte[] body, String contentType, String bearer)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url("/api/v1/batches")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A UDP port free right now. */
    public static int freeUdpPort() {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
        if (dropOnClose) {
            try (TestInflux influx = new TestInflux(TestInflux.DEV_URL, database)) {
                influx.dropDatabase();
            }
        }
    }
}
