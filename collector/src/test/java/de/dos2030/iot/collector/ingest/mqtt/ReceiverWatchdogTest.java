package de.dos2030.iot.collector.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A connection that is up but no longer receives (a dead Paho receiver) is told apart from a healthy one. */
class ReceiverWatchdogTest {
    final AtomicLong now = new AtomicLong();
    final AtomicBoolean connected = new AtomicBoolean(true);
    final ReceiverWatchdog watchdog = new ReceiverWatchdog(Duration.ofSeconds(10), connected::get, now::get);

    void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void aConnectionThatStopsHearingItsProbesIsDeadAfterThreeIntervalsOnce() {
        watchdog.heard();
        advance(Duration.ofSeconds(29));
        assertThat(watchdog.receiving()).isTrue();
        assertThat(watchdog.newlyDead()).isFalse();
        advance(Duration.ofSeconds(2));
        assertThat(watchdog.receiving()).isFalse();
        assertThat(watchdog.newlyDead()).as("reported once").isTrue();
        assertThat(watchdog.newlyDead()).isFalse();

        watchdog.connected(); // the door reconnected: a new receiver
        assertThat(watchdog.receiving()).isTrue();
        advance(Duration.ofSeconds(5));
        watchdog.heard();
        advance(Duration.ofSeconds(25));
        assertThat(watchdog.receiving()).isTrue();
    }

    @Test
    void isNotArmedUntilAProbeWasHeardSoARefusingAclCausesNoReconnectLoop() {
        advance(Duration.ofMinutes(10));
        assertThat(watchdog.receiving()).isTrue();
        assertThat(watchdog.newlyDead()).isFalse();
    }

    @Test
    void aDisconnectedDoorIsLeftToTheConnectionState() {
        watchdog.heard();
        connected.set(false);
        advance(Duration.ofMinutes(10));
        assertThat(watchdog.receiving()).isTrue();
        assertThat(watchdog.newlyDead()).isFalse();
    }
}
