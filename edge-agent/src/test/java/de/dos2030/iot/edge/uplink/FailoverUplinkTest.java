package de.dos2030.iot.edge.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.edge.sim.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FailoverUplinkTest {
    final VirtualClock clock = new VirtualClock(Instant.parse("2025-03-01T08:00:00Z"));
    final Link primary = new Link("mqtt");
    final Link alternative = new Link("coap");
    final List<String> events = new ArrayList<>();
    final FailoverUplink failover = new FailoverUplink(primary, alternative, Duration.ofMinutes(2), clock);

    static final class Link implements Uplink {
        final String name;
        final List<String> sent = new ArrayList<>();
        boolean up;
        LinkListener listener;

        Link(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start(LinkListener l) {
            listener = l;
        }

        @Override
        public boolean connected() {
            return up;
        }

        @Override
        public CompletableFuture<SendOutcome> send(MessageKind channel, String identity, byte[] payload) {
            sent.add(identity);
            return CompletableFuture.completedFuture(new SendOutcome.Stored(name));
        }

        @Override
        public void close() {}
    }

    void start() {
        failover.start(new LinkListener() {
            @Override
            public void connected(Uplink u) {
                events.add("up " + u.name());
            }

            @Override
            public void disconnected(Uplink u, String cause) {
                events.add("down " + u.name());
            }
        });
        alternative.up = true;
    }

    @Test
    void usesThePrimaryWhileItIsConnected() {
        start();
        primary.up = true;
        primary.listener.connected(primary);
        failover.send(MessageKind.BATCH, "gw/b/0", new byte[0]);
        assertThat(primary.sent).containsExactly("gw/b/0");
        assertThat(alternative.sent).isEmpty();
        assertThat(events).containsExactly("up mqtt");
    }

    @Test
    void switchesToTheAlternativeOnlyAfterThePrimaryHasBeenDownLongEnough() {
        start();
        primary.up = true;
        primary.listener.connected(primary);
        primary.up = false;
        primary.listener.disconnected(primary, "broker gone");
        clock.advance(Duration.ofSeconds(30));
        assertThat(failover.connected())
                .as("a short broker restart moves nothing")
                .isFalse();
        clock.advance(Duration.ofMinutes(2));
        assertThat(failover.connected()).isTrue();
        failover.send(MessageKind.BATCH, "gw/b/1", new byte[0]);
        assertThat(alternative.sent).containsExactly("gw/b/1");
        primary.up = true;
        primary.listener.connected(primary);
        failover.send(MessageKind.BATCH, "gw/b/2", new byte[0]);
        assertThat(primary.sent).containsExactly("gw/b/2");
    }
}
