package de.dos2030.iot.collector.alerts.delivery;

import de.dos2030.iot.collector.alerts.AlertNotification;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Webhook channel: {@code POST <target>} with a JSON {@link Body}, headers
 * {@code X-DOS-Signature} ({@link WebhookSignature}), {@code X-DOS-Delivery} (delivery id, the
 * same on every attempt: receivers de-duplicate by it) and {@code X-DOS-Event} (the step's kind).
 * Any 2xx answer is success. Non-blocking (the JDK client's asynchronous send).
 */
@Singleton
public class WebhookSender implements ChannelSender {
    private final HttpClient http;
    private final JsonMapper json;
    private final DeliveryConfig config;
    private final Clock clock;

    public WebhookSender(JsonMapper json, DeliveryConfig config, Clock clock) {
        this.json = json;
        this.config = config;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** What a webhook receives. */
    @Serdeable
    public record Body(long deliveryId, String subscriptionId, AlertNotification event) {}

    @Override
    public DeliveryChannel channel() {
        return DeliveryChannel.WEBHOOK;
    }

    @Override
    public void checkTarget(String target) {
        URI uri;
        try {
            uri = URI.create(target);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("target '" + target + "' is not a URL: " + e.getMessage());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "target '" + target + "' must be an http(s) URL with a host, e.g. https://ops.example/hooks/dos");
        }
    }

    @Override
    public CompletionStage<Void> send(Subscription s, AlertNotification step, long deliveryId) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(new Body(deliveryId, s.id(), step));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long t = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(s.target()))
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "dos-collector")
                .header(WebhookSignature.HEADER, WebhookSignature.header(s.secret() == null ? "" : s.secret(), t, body))
                .header("X-DOS-Delivery", Long.toString(deliveryId))
                .header("X-DOS-Event", step.kind())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenCompose(r -> {
                    if (r.statusCode() / 100 == 2) {
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    String text = r.body() == null ? "" : r.body().strip();
                    return CompletableFuture.<Void>failedFuture(new IllegalStateException("webhook answered HTTP "
                            + r.statusCode()
                            + (text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) : text))));
                })
                .exceptionallyCompose(e -> {
                    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                            ? e.getCause()
                            : e;
                    if (cause instanceof IllegalStateException) {
                        return CompletableFuture.failedFuture(cause);
                    }
                    return CompletableFuture.failedFuture(
                            new IllegalStateException("webhook " + s.target() + " unreachable: "
                                    + (cause.getMessage() == null
                                            ? cause.getClass().getSimpleName()
                                            : cause.getClass().getSimpleName() + " " + cause.getMessage())));
                });
    }
}
