package de.dos2030.iot.edge.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdNotifierTest {
    @TempDir
    Path tmp;

    /** A systemd-notify stand-in that appends its arguments to a file. */
    Path fakeNotify() throws Exception {
        Path log = tmp.resolve("notify.log");
        Path script =
                Files.writeString(tmp.resolve("systemd-notify"), "#!/usr/bin/env bash\necho \"$*\" >> " + log + "\n");
        script.toFile().setExecutable(true);
        return script;
    }

    @Test
    void notSystemdNotNotified() {
        assertThat(SystemdNotifier.fromEnvironment(Map.of(), "systemd-notify", () -> true))
                .isEmpty();
    }

    @Test
    void pingsTheWatchdogOnlyWhileTheAgentIsAlive() throws Exception {
        Path script = fakeNotify();
        AtomicBoolean alive = new AtomicBoolean(true);
        SystemdNotifier n = SystemdNotifier.fromEnvironment(
                        Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "60000000"),
                        script.toString(),
                        alive::get)
                .orElseThrow();
        assertThat(n.interval()).contains(Duration.ofSeconds(20));
        n.ping();
        alive.set(false);
        n.ping();
        alive.set(true);
        n.ping();
        assertThat(Files.readAllLines(tmp.resolve("notify.log")))
                .containsExactly(
                        "--pid=" + ProcessHandle.current().pid() + " WATCHDOG=1",
                        "--pid=" + ProcessHandle.current().pid() + " WATCHDOG=1");
        n.close();
    }

    @Test
    void aBeaconIsAliveOnlyWithinItsWindow() {
        Instant[] now = {Instant.parse("2026-12-05T10:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        ProgressBeacon beacon = new ProgressBeacon(clock);
        now[0] = now[0].plusSeconds(20);
        assertThat(beacon.beatWithin(Duration.ofSeconds(20))).isTrue();
        now[0] = now[0].plusSeconds(1);
        assertThat(beacon.beatWithin(Duration.ofSeconds(20))).isFalse();
        beacon.beat();
        assertThat(beacon.beatWithin(Duration.ofSeconds(20))).isTrue();
    }
}
