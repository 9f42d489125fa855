package de.dos2030.iot.collector.alerts;

import io.micronaut.context.annotation.Context;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * The live stream of recorded lifecycle steps, for Server-Sent Events. Reads {@code alert_event}
 * in id order (every {@code collector.alerts.feed-poll} and at once after a local recording), so
 * an SSE client on any collector instance hears the steps every instance recorded. Keeps the last
 * {@link #RING} steps to resume a reconnecting client from its {@code Last-Event-ID} without a
 * gap; older resumes are read from the store. Thread-safe.
 */
@Context
public class AlertFeed implements AutoCloseable {
    static final int RING = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(AlertFeed.class);

    private final AlertStore alerts;
    private final ArrayDeque<AlertNotification> ring = new ArrayDeque<>();
    private final List<FluxSink<AlertNotification>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService poller;
    private final AtomicBoolean nudged = new AtomicBoolean();
    private long lastId;

    public AlertFeed(AlertStore alerts, AlertsConfig config) {
        this.alerts = alerts;
        this.lastId = alerts.lastEventId();
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alert-feed");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(50, config.feedPoll().toMillis());
        poller.scheduleWithFixedDelay(this::pollQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    @EventListener
    void onRecorded(AlertRecorded e) {
        if (nudged.compareAndSet(false, true)) {
            try {
                poller.execute(() -> {
                    nudged.set(false);
                    pollQuietly();
                });
            } catch (java.util.concurrent.RejectedExecutionException ignored) {
                nudged.set(false);
            }
        }
    }

    /**
     * Steps from now on; with {@code afterId}, first the steps recorded after that id (at most
     * {@link #RING}). Each subscriber buffers what it has not yet taken.
     */
    public Flux<AlertNotification> stream(Long afterId) {
        return Flux.create(
                sink -> {
                    synchronized (this) {
                        if (afterId != null && afterId < lastId) {
                            List<AlertNotification> backlog = new ArrayList<>();
                            AlertNotification oldest = ring.peekFirst();
                            if (oldest != null && oldest.eventId() <= afterId + 1) {
                                ring.stream().filter(n -> n.eventId() > afterId).forEach(backlog::add);
                            } else {
                                backlog.addAll(alerts.notificationsAfter(afterId, RING).stream()
                                        .filter(n -> n.eventId() <= lastId)
                                        .toList());
                            }
                            backlog.forEach(sink::next);
                        }
                        listeners.add(sink);
                    }
                    sink.onDispose(() -> listeners.remove(sink));
                },
                FluxSink.OverflowStrategy.BUFFER);
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("Alert feed could not read new events (will retry): {}", e.toString());
        }
    }

    private void poll() {
        List<AlertNotification> fresh = alerts.notificationsAfter(lastId, 500);
        if (fresh.isEmpty()) {
            return;
        }
        synchronized (this) {
            for (AlertNotification n : fresh) {
                if (n.eventId() <= lastId) {
                    continue;
                }
                lastId = n.eventId();
                ring.addLast(n);
                if (ring.size() > RING) {
                    ring.removeFirst();
                }
                for (FluxSink<AlertNotification> l : listeners) {
                    l.next(n);
                }
            }
        }
        if (fresh.size() == 500) {
            pollQuietly();
        }
    }

    @PreDestroy
    @Override
    public void close() {
        poller.shutdownNow();
        listeners.forEach(FluxSink::complete);
    }
}
