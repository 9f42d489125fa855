package de.dos2030.iot.collector.alerts.delivery;

import de.dos2030.iot.collector.alerts.AlertNotification;
import de.dos2030.iot.collector.alerts.templates.AlertTexts;
import de.dos2030.iot.collector.alerts.templates.ChatMessages;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Webhook channel: {@code POST <target>} with the subscription's {@link WebhookPreset}: a JSON {@link Body}
 * (json), or the step's text in the subscription's language as a Matrix message or a Teams card
 * ({@link ChatMessages}). Headers: the Standard Webhooks signature ({@code webhook-id} {@code dlv-<delivery id>},
 * {@code webhook-timestamp}, {@code webhook-signature}; see {@link WebhookSignature}), the deprecated
 * {@code X-DOS-Signature}, {@code X-DOS-Delivery} (delivery id, the same on every attempt: receivers
 * de-duplicate by it or by {@code webhook-id}) and {@code X-DOS-Event} (the step's kind).
 * Any 2xx answer is success. Targets are checked by {@link WebhookTargets} when a subscription is made and
 * again, against the address actually connected to, on every attempt. A failed attempt tells the subscriber
 * the status code or that the target was unreachable, never what the target answered. The blocking posts
 * run on a small pool of their own, so that the caller is never held up.
 */
@Singleton
public class WebhookSender implements ChannelSender, AutoCloseable {
    /** Posts at once; more wait their turn (a slow receiver holds one thread for at most its timeout). */
    static final int THREADS = 16;

    private final JsonMapper json;
    private final DeliveryConfig config;
    private final Clock clock;
    private final WebhookTargets targets;
    private final ExecutorService posts;
    private final AlertTexts texts;

    public WebhookSender(JsonMapper json, DeliveryConfig config, Clock clock, AlertTexts texts) {
        this.json = json;
        this.texts = texts;
        this.config = config;
        this.clock = clock;
        this.targets = new WebhookTargets(config.allowedPrivateTargets(), InetAddress::getAllByName);
        this.posts = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "webhook-post");
            t.setDaemon(true);
            return t;
        });
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
        targets.resolve(uri);
    }

    @Override
    public CompletionStage<Void> send(Subscription s, AlertNotification step, long deliveryId) {
        byte[] body = body(s, step, deliveryId);
        long t = clock.instant().getEpochSecond();
        String secret = s.secret() == null ? "" : s.secret();
        // a test message (delivery id 0) gets an id of its own: receivers de-duplicate by webhook-id
        String id = deliveryId == 0 ? "test-" + clock.millis() : "dlv-" + deliveryId;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "dos-collector");
        headers.put(WebhookSignature.ID, id);
        headers.put(WebhookSignature.TIMESTAMP, Long.toString(t));
        headers.put(WebhookSignature.SIGNATURE, WebhookSignature.standard(secret, id, t, body));
        headers.put(WebhookSignature.HEADER, WebhookSignature.header(secret, t, body));
        headers.put("X-DOS-Delivery", Long.toString(deliveryId));
        headers.put("X-DOS-Event", step.kind());
        URI target = URI.create(s.target());
        return CompletableFuture.runAsync(
                        () -> {
                            InetAddress address = targets.resolve(target);
                            int status;
                            try {
                                status = WebhookPost.post(target, address, headers, body, config.timeout());
                            } catch (IOException e) {
                                throw new IllegalStateException("webhook " + target.getHost() + " unreachable or not"
                                        + " answering HTTP within "
                                        + config.timeout().toSeconds() + " s");
                            }
                            if (status / 100 != 2) {
                                throw new IllegalStateException("webhook answered HTTP " + status);
                            }
                        },
                        posts)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(
                        e instanceof CompletionException && e.getCause() != null ? e.getCause() : e));
    }

    /** What the subscription's preset makes of a step. */
    byte[] body(Subscription s, AlertNotification step, long deliveryId) {
        Object body = switch (s.presetType()) {
            case JSON -> new Body(deliveryId, s.id(), step);
            case MATRIX -> ChatMessages.matrix(texts.render(step, s.languageType()));
            case TEAMS -> ChatMessages.teams(texts.render(step, s.languageType()), "critical".equals(step.severity()));
        };
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    @PreDestroy
    public void close() {
        posts.shutdownNow();
    }
}
