package de.dos2030.iot.edge.update;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd ({@code Type=notify}, {@code WatchdogSec=}) that the agent is up and still working: READY=1
 * once, then WATCHDOG=1 every third of the watchdog time, but only while the agent's own liveness check passes,
 * so that a hung pipeline (or a hung JVM) stops the pings and systemd kills and restarts the agent.
 *
 * <p>JDK 17 cannot send on a Unix datagram socket (JEP 380 has stream sockets only), so each message is one run
 * of {@code systemd-notify --pid=<this JVM> ...}. The message then comes from a child process, which is why the
 * unit needs {@code NotifyAccess=all}; {@code --pid} names the JVM as the sender where the kernel lets it. A ping
 * every 20 s costs one short process start. Absent {@code NOTIFY_SOCKET} (not under systemd): nothing is sent.
 *
 * <p>Thread-safe; one daemon thread.
 */
public final class SystemdNotifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SystemdNotifier.class);

    private final String command;
    private final Optional<Duration> watchdog;
    private final BooleanSupplier alive;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "systemd-watchdog");
        t.setDaemon(true);
        return t;
    });

    SystemdNotifier(String command, Optional<Duration> watchdog, BooleanSupplier alive) {
        this.command = command;
        this.watchdog = watchdog;
        this.alive = alive;
    }

    /**
     * The notifier for this process's environment, or empty when systemd does not listen ({@code NOTIFY_SOCKET}
     * unset). {@code WATCHDOG_USEC} (set by systemd from {@code WatchdogSec=}) decides the ping interval.
     *
     * @param alive the agent's liveness check, e.g. "the pipeline thread made progress in the last interval"
     */
    public static Optional<SystemdNotifier> fromEnvironment(BooleanSupplier alive) {
        return fromEnvironment(System.getenv(), "systemd-notify", alive);
    }

    static Optional<SystemdNotifier> fromEnvironment(Map<String, String> env, String command, BooleanSupplier alive) {
        if (env.get("NOTIFY_SOCKET") == null || env.get("NOTIFY_SOCKET").isBlank()) {
            return Optional.empty();
        }
        Optional<Duration> watchdog = Optional.ofNullable(env.get("WATCHDOG_USEC"))
                .map(String::trim)
                .filter(s -> s.matches("[0-9]{1,15}"))
                .map(us -> Duration.ofNanos(Long.parseLong(us) * 1000))
                .filter(d -> !d.isZero());
        return Optional.of(new SystemdNotifier(command, watchdog, alive));
    }

    /** The ping interval: a third of the watchdog time, or empty without a watchdog. */
    public Optional<Duration> interval() {
        return watchdog.map(d -> d.dividedBy(3));
    }

    /** Sends READY=1 and starts the watchdog pings. Call once the agent runs. */
    public void ready() {
        send("READY=1", "STATUS=running");
        interval()
                .ifPresent(every -> timer.scheduleAtFixedRate(this::ping, 0, every.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** One watchdog round: WATCHDOG=1 if the agent is alive, otherwise nothing (systemd will act). */
    void ping() {
        boolean ok;
        try {
            ok = alive.getAsBoolean();
        } catch (RuntimeException e) {
            ok = false;
        }
        if (ok) {
            send("WATCHDOG=1");
        } else {
            log.warn("event=watchdog-withheld reason=\"the agent's liveness check failed: systemd restarts it"
                    + " when WatchdogSec passes without a ping\"");
        }
    }

    /** Sends STOPPING=1 (the agent is shutting down on purpose) and stops pinging. */
    public void stopping() {
        timer.shutdownNow();
        send("STOPPING=1");
    }

    boolean send(String... assignments) {
        List<String> argv = new ArrayList<>(
                List.of(command, "--pid=" + ProcessHandle.current().pid()));
        argv.addAll(List.of(assignments));
        try {
            Process p = new ProcessBuilder(argv)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                log.warn("event=systemd-notify-timeout message={}", String.join(" ", assignments));
                return false;
            }
            if (p.exitValue() != 0) {
                log.warn(
                        "event=systemd-notify-failed message={} exit={}", String.join(" ", assignments), p.exitValue());
                return false;
            }
            return true;
        } catch (IOException e) {
            log.warn(
                    "event=systemd-notify-failed message={} reason=\"{}\"",
                    String.join(" ", assignments),
                    e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
