package de.dos2030.iot.edge.uplink.http;

import de.dos2030.iot.edge.uplink.AckMessage;
import de.dos2030.iot.edge.uplink.Credentials;
import de.dos2030.iot.edge.uplink.LinkListener;
import de.dos2030.iot.edge.uplink.MessageKind;
import de.dos2030.iot.edge.uplink.SendOutcome;
import de.dos2030.iot.edge.uplink.Uplink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP fallback uplink (JDK HttpClient): {@code POST /api/v1/batches} with the CBOR batch and the
 * gateway's bearer token. 2xx = stored, 503 (and 429) = try later after Retry-After, other 5xx or
 * no answer within the ack timeout = try later, other 4xx = rejected for good.
 */
public final class HttpUplink implements Uplink {
    private static final Logger log = LoggerFactory.getLogger(HttpUplink.class);
    public static final String PATH = "/api/v1/batches";

    private final URI target;
    private final Optional<String> token;
    private final Duration ackTimeout;
    private final HttpClient client;

    public HttpUplink(URI url, Credentials credentials, Duration ackTimeout) {
        this.target = URI.create(url.getScheme() + "://" + url.getAuthority() + PATH);
        this.token = credentials.token();
        this.ackTimeout = ackTimeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(ackTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public String name() {
        return "http " + target;
    }

    @Override
    public void start(LinkListener listener) {
        log.info("event=http-ready target={} token={}", target, token.isPresent() ? "yes" : "none");
        listener.connected(this);
    }

    @Override
    public boolean connected() {
        return true;
    }

    @Override
    public CompletableFuture<SendOutcome> send(MessageKind kind, String identity, byte[] payload) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(ackTimeout)
                .header("Content-Type", "application/cbor")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> outcome(identity, response))
                .exceptionally(failure -> SendOutcome.RetryLater.because(
                        "POST " + target + " failed: " + (failure.getCause() != null ? failure.getCause() : failure)));
    }

    static SendOutcome outcome(String identity, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (status >= 200 && status < 300) {
            Optional<SendOutcome.CollectorTimes> times = Optional.empty();
            try {
                AckMessage ack = AckMessage.parse(response.body());
                if (!ack.rejected().isEmpty()) {
                    log.warn("event=readings-rejected identity={} rejected=\"{}\"", identity, ack.rejected());
                }
                times = ack.collectorTimes();
            } catch (IllegalArgumentException notJson) {
                log.debug("HTTP answer for {} is not a JSON summary: {}", identity, notJson.getMessage());
            }
            return new SendOutcome.Stored("HTTP " + status, times);
        }
        if (status == 503 || status == 429) {
            Optional<Duration> after =
                    response.headers().firstValue("Retry-After").flatMap(HttpUplink::seconds);
            return new SendOutcome.RetryLater("HTTP " + status, after);
        }
        if (status >= 400 && status < 500) {
            return new SendOutcome.Rejected("HTTP " + status + reasons(response.body(), body));
        }
        return SendOutcome.RetryLater.because("HTTP " + status);
    }

    static String reasons(byte[] bytes, String text) {
        try {
            AckMessage ack = AckMessage.parse(bytes);
            return ack.rejected().isEmpty() ? "" : ": " + String.join("; ", ack.rejected());
        } catch (IllegalArgumentException notJson) {
            return text.isBlank() ? "" : ": " + text.strip();
        }
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException httpDate) {
            return Optional.empty(); // an HTTP-date: the dispatcher's own backoff applies
        }
    }

    @Override
    public void close() {
        // The JDK client has no close before Java 21; its threads are daemons.
    }
}
