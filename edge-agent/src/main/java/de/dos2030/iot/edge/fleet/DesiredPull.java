package de.dos2030.iot.edge.fleet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls {@code GET {collector}/api/v1/gateway/desired} with the gateway's bearer token every
 * {@code pull-interval} (each wait jittered by up to a tenth either way, the first one anywhere in the
 * interval, so a fleet that restarted together does not ask together), with {@code If-None-Match}:
 * 200 hands the document on, 304 and 204 mean nothing new. Failures are logged and tried at the next
 * interval.
 */
public final class DesiredPull implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DesiredPull.class);
    public static final String PATH = "/api/v1/gateway/desired";

    private final URI url;
    private final Optional<String> token;
    private final Duration interval;
    private final Consumer<byte[]> receiver;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "desired-pull");
        t.setDaemon(true);
        return t;
    });
    private final Random random = new Random();
    private volatile String etag;

    public DesiredPull(URI collector, Optional<String> token, Duration interval, Consumer<byte[]> receiver) {
        String base = collector.toString().replaceAll("/+$", "");
        this.url = URI.create(base + PATH);
        this.token = token;
        this.interval = interval;
        this.receiver = receiver;
    }

    public void start() {
        schedule((long) (random.nextDouble() * interval.toMillis()));
    }

    private void schedule(long delayMs) {
        if (!timer.isShutdown()) {
            timer.schedule(this::pullAndReschedule, delayMs, TimeUnit.MILLISECONDS);
        }
    }

    private void pullAndReschedule() {
        try {
            pull();
        } finally {
            long jitter = (long) ((random.nextDouble() - 0.5) * 0.2 * interval.toMillis());
            schedule(interval.toMillis() + jitter);
        }
    }

    /** One pull now; returns the status. */
    int pull() {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET();
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        String known = etag;
        if (known != null) {
            request.header("If-None-Match", known);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status == 200) {
                etag = response.headers().firstValue("ETag").orElse(null);
                receiver.accept(response.body());
            } else if (status != 304 && status != 204) {
                log.warn("event=desired-pull-failed url={} status={}", url, status);
            }
            return status;
        } catch (java.io.IOException e) {
            log.warn("event=desired-pull-failed url={} cause=\"{}\"", url, e.toString());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
