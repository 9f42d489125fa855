package de.dos2030.iot.edge.runtime;

import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.UplinkConfig;
import de.dos2030.iot.edge.outbox.Outbox;
import de.dos2030.iot.edge.uplink.Dispatcher;
import de.dos2030.iot.edge.uplink.Uplink;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The way to the collector: the uplink the file names and the dispatcher that feeds it from the
 * outbox. Replaced only when a new configuration changes the endpoints; the outbox stays, so a
 * new link sends what waits as backlog, through the dispatcher's window, never as a burst.
 */
final class Link implements AutoCloseable {

    private final UplinkConfig endpoints;
    private final ScheduledExecutorService uplinkTimers = Executors.newScheduledThreadPool(2, named("uplink"));
    private final ScheduledExecutorService dispatch = Executors.newSingleThreadScheduledExecutor(named("dispatch"));
    private final Uplink uplink;
    private final Dispatcher dispatcher;

    /** @param desired hears the desired-state documents the MQTT uplink receives */
    Link(GatewayConfig config, Outbox outbox, Clock clock, Consumer<byte[]> desired) {
        this.endpoints = config.uplink();
        this.uplink = UplinkFactory.create(config, uplinkTimers, clock, desired);
        this.dispatcher = new Dispatcher(outbox, uplink, clock, dispatch, Dispatcher.Settings.defaults());
    }

    /** Whether {@code other} names the same endpoints (batching and alert delivery belong to the station). */
    boolean serves(GatewayConfig other) {
        UplinkConfig u = other.uplink();
        return Objects.equals(u.primary(), endpoints.primary())
                && Objects.equals(u.alternative(), endpoints.alternative());
    }

    void start() {
        dispatcher.start();
    }

    String name() {
        return uplink.name();
    }

    Optional<Duration> clockOffset() {
        return dispatcher.clockOffset();
    }

    /** Stops sending (in-flight batches stay in the outbox) and disconnects. */
    @Override
    public void close() {
        dispatcher.close();
        dispatch.shutdown();
        try {
            dispatch.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        uplink.close();
        uplinkTimers.shutdownNow();
    }

    private static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
