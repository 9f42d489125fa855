package de.dos2030.iot.edge.uplink;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The primary uplink (MQTT), and an alternative (CoAP or HTTP) used only while the primary has
 * been down for longer than {@code switchAfter}: a broker restart of a few seconds does not move
 * traffic, an outage of minutes does. Back on the primary as soon as it reconnects.
 */
public final class FailoverUplink implements Uplink, LinkListener {
    private final Uplink primary;
    private final Uplink alternative;
    private final Duration switchAfter;
    private final Clock clock;
    private volatile Instant primaryDownSince;
    private volatile LinkListener listener;

    public FailoverUplink(Uplink primary, Uplink alternative, Duration switchAfter, Clock clock) {
        this.primary = primary;
        this.alternative = alternative;
        this.switchAfter = switchAfter;
        this.clock = clock;
    }

    @Override
    public String name() {
        return primary.name() + " (alternative " + alternative.name() + ")";
    }

    @Override
    public void start(LinkListener linkListener) {
        this.listener = linkListener;
        primaryDownSince = clock.instant();
        alternative.start(new LinkListener() {
            @Override
            public void connected(Uplink uplink) {}

            @Override
            public void disconnected(Uplink uplink, String cause) {
                linkListener.disconnected(uplink, cause);
            }
        });
        primary.start(this);
    }

    /** The uplink a send goes through now. */
    Uplink current() {
        if (primary.connected()) {
            return primary;
        }
        Instant since = primaryDownSince;
        boolean switchOver = since != null && !clock.instant().isBefore(since.plus(switchAfter));
        return switchOver && alternative.connected() ? alternative : primary;
    }

    @Override
    public boolean connected() {
        return current().connected();
    }

    @Override
    public CompletableFuture<SendOutcome> send(MessageKind kind, String identity, byte[] payload) {
        return current().send(kind, identity, payload);
    }

    @Override
    public void connected(Uplink uplink) {
        primaryDownSince = null;
        listener.connected(uplink);
    }

    @Override
    public void disconnected(Uplink uplink, String cause) {
        primaryDownSince = clock.instant();
        listener.disconnected(
                uplink, cause + "; alternative " + alternative.name() + " after " + switchAfter.toSeconds() + " s");
    }

    @Override
    public void close() {
        try {
            primary.close();
        } finally {
            alternative.close();
        }
    }
}
