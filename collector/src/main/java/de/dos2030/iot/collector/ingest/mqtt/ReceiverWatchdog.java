package de.dos2030.iot.collector.ingest.mqtt;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Tells whether the MQTT door still receives, not only whether its connection is up: Paho's single
 * receiver thread can die (an OutOfMemoryError on one huge message did) while the client still reports
 * itself connected, and then no gateway is heard again. The door publishes a probe to a topic only it
 * subscribes to every {@code interval}; when none came back for three intervals while connected, the
 * receive path is dead: health says so and the door reconnects, which starts a new receiver. The watchdog
 * arms itself with the first probe it hears, so that a broker whose ACL refuses the probe topic costs only
 * the check, never a reconnect loop.
 *
 * <p>Thread-safe: probes are sent on the door's scheduler and heard on Paho's thread.
 */
final class ReceiverWatchdog {
    private static final int MISSED_PROBES = 3;

    private final Duration interval;
    private final BooleanSupplier connected;
    private final LongSupplier nanoTime;
    private volatile long lastHeard;
    private volatile boolean armed;
    private volatile boolean reported;

    ReceiverWatchdog(Duration interval, BooleanSupplier connected, LongSupplier nanoTime) {
        this.interval = interval;
        this.connected = connected;
        this.nanoTime = nanoTime;
        this.lastHeard = nanoTime.getAsLong();
    }

    /** A (re)connection starts the count afresh. */
    void connected() {
        lastHeard = nanoTime.getAsLong();
        reported = false;
    }

    /** The door heard its own probe. */
    void heard() {
        lastHeard = nanoTime.getAsLong();
        armed = true;
        reported = false;
    }

    /** Disconnected counts as alive here: the connection's own state reports that. */
    boolean receiving() {
        return !armed
                || !connected.getAsBoolean()
                || nanoTime.getAsLong() - lastHeard
                        < interval.multipliedBy(MISSED_PROBES).toNanos();
    }

    /** True once per dead period: the moment to log it and reconnect. */
    boolean newlyDead() {
        if (receiving() || reported) {
            return false;
        }
        reported = true;
        return true;
    }
}
