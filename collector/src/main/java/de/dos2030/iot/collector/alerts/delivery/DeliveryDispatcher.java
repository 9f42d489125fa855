package de.dos2030.iot.collector.alerts.delivery;

import de.dos2030.iot.collector.alerts.AlertNotification;
import de.dos2030.iot.collector.alerts.AlertRecorded;
import de.dos2030.iot.collector.alerts.AlertStore;
import de.dos2030.iot.collector.ingest.AlertStages;
import io.micronaut.context.annotation.Context;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works through the delivery outbox. One thread looks for due deliveries (every
 * {@code poll-interval}, and at once after a new event or a finished attempt), claims each with
 * a lease and hands it to its channel, which sends without blocking; so a slow or dead receiver
 * holds up only its own subscription. Per subscription one delivery is in flight at a time and
 * steps go out in the order they were recorded. A failed attempt waits
 * {@link DeliveryConfig#backoff} (by the injected clock), and after {@code max-attempts} the
 * delivery is dead: visible through the API and retryable.
 *
 * <p>Exactly once per subscription: the delivery row is written with the event, is sent until a
 * receiver accepts it, and is marked delivered then. Only a crash between the receiver's answer
 * and that mark re-sends a delivery; receivers can recognise that by its delivery id.
 */
@Context
public class DeliveryDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final DeliveryStore deliveries;
    private final SubscriptionStore subscriptions;
    private final AlertStore alerts;
    private final DeliveryConfig config;
    private final Clock clock;
    private final DeliveryRouting routing;
    private final Map<DeliveryChannel, ChannelSender> senders = new EnumMap<>(DeliveryChannel.class);
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService loop;
    private final AtomicBoolean nudged = new AtomicBoolean();

    public DeliveryDispatcher(
            DeliveryStore deliveries,
            SubscriptionStore subscriptions,
            AlertStore alerts,
            DeliveryConfig config,
            Clock clock,
            List<ChannelSender> senders,
            DeliveryRouting routing) {
        this.routing = routing;
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.alerts = alerts;
        this.config = config;
        this.clock = clock;
        senders.forEach(s -> this.senders.put(s.channel(), s));
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "delivery-dispatch");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(50, config.pollInterval().toMillis());
        loop.scheduleWithFixedDelay(this::tickQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    public ChannelSender sender(DeliveryChannel channel) {
        return senders.get(channel);
    }

    @EventListener
    void onRecorded(AlertRecorded e) {
        nudge();
    }

    /** Looks for due deliveries now (after a new event, a finished attempt, or a test moving the clock). */
    public void nudge() {
        if (nudged.compareAndSet(false, true)) {
            try {
                loop.execute(() -> {
                    nudged.set(false);
                    tickQuietly();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                nudged.set(false); // shutting down
            }
        }
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("Delivery round failed (will retry): {}", e.toString());
        }
    }

    private void tick() {
        Instant now = clock.instant();
        for (DeliveryStore.Due due : deliveries.due(now, 200)) {
            if (inFlight.contains(due.subscriptionId()) || !deliveries.claim(due.id(), now, now.plus(config.lease()))) {
                continue;
            }
            Optional<Subscription> sub = subscriptions.find(due.subscriptionId());
            Optional<AlertNotification> step = DeliveryRouting.STEP.equals(due.route())
                    ? alerts.notification(due.eventId())
                    : routing.compose(due.id(), due.route(), due.eventId());
            if (sub.isEmpty() || step.isEmpty()) {
                continue; // deleted meanwhile: the cascade removes the delivery
            }
            ChannelSender sender = senders.get(sub.get().channelType());
            if (sender == null) {
                finish(due, "no sender for channel '" + sub.get().channel() + "'");
                continue;
            }
            inFlight.add(due.subscriptionId());
            if (AlertStages.enabled()) {
                AlertStages.deliveryStarted(due.id(), due.eventId(), clock.millis());
            }
            CompletableFuture<Void> attempt;
            try {
                attempt = sender.send(sub.get(), step.get(), due.id())
                        .toCompletableFuture()
                        .orTimeout(config.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                attempt = CompletableFuture.failedFuture(e);
            }
            attempt.whenComplete((ok, failure) -> {
                if (AlertStages.enabled()) {
                    AlertStages.deliveryDone(due.id(), failure == null, clock.millis());
                }
                try {
                    finish(due, failure == null ? null : reason(failure));
                } catch (RuntimeException e) {
                    LOG.warn(
                            "Outcome of delivery {} not recorded (its lease will expire and it is sent again): {}",
                            due.id(),
                            e.toString());
                } finally {
                    inFlight.remove(due.subscriptionId());
                    nudge();
                }
            });
        }
    }

    private void finish(DeliveryStore.Due due, String error) {
        Instant now = clock.instant();
        if (error == null) {
            deliveries.delivered(due.id(), now);
            return;
        }
        int failures = due.attempts() + 1;
        if (failures >= config.maxAttempts()) {
            LOG.warn(
                    "Delivery {} to subscription {} is dead after {} attempts: {}",
                    due.id(),
                    due.subscriptionId(),
                    failures,
                    error);
            deliveries.failed(due.id(), now, null, error);
        } else {
            deliveries.failed(due.id(), now, now.plus(config.backoff(failures)), error);
        }
    }

    private static String reason(Throwable failure) {
        Throwable t =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (t instanceof TimeoutException) {
            return "no answer within the delivery timeout";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @PreDestroy
    @Override
    public void close() {
        loop.shutdownNow();
    }
}
