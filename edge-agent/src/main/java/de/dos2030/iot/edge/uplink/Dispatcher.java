package de.dos2030.iot.edge.uplink;

import de.dos2030.iot.edge.outbox.EntryKind;
import de.dos2030.iot.edge.outbox.Outbox;
import de.dos2030.iot.edge.outbox.OutboxEntry;
import de.dos2030.iot.edge.outbox.OutboxListener;
import de.dos2030.iot.edge.outbox.ReleaseReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves batches from the outbox to the uplink and the collector's answers back into the outbox.
 *
 * <p>Three lanes share the link. Alerts go at once, whatever else is pending. Live batches (those
 * journaled since the link last came up) go next, a few in flight at a time. The backlog (what
 * waited while the link was down) drains beside them, oldest first, through a window that the
 * acknowledgements set: it grows by one per "stored" answer up to a threshold and more slowly past
 * it, and halves on every "try later" or missing answer, like TCP's congestion window. So a
 * reconnect after days offline neither floods the link nor starves live data, and a slow
 * collector slows the drain rather than losing anything.
 *
 * <p>A "try later" pauses only its own side: a data batch's pauses the live and backlog lanes, an
 * alert's pauses the alert lane, each with its own backoff. So an alert never waits out the backoff
 * (up to {@code retryMax}) that a slow drain of data batches ran into; it is sent the moment it is
 * journaled.
 *
 * <p>All state lives on the single thread of {@code executor}; outbox, link and answer callbacks
 * only post work to it.
 */
public final class Dispatcher implements OutboxListener, LinkListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    /** Tuning, with the defaults a Pi on a school LAN or an LTE stick on a bridge works well with. */
    public record Settings(
            int liveInFlight,
            int maxWindow,
            int initialThreshold,
            Duration retryInitial,
            Duration retryMax,
            Duration tick) {
        public static Settings defaults() {
            return new Settings(4, 64, 16, Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofSeconds(1));
        }
    }

    private enum Lane {
        ALERT,
        LIVE,
        BACKLOG
    }

    private record Flight(OutboxEntry entry, Lane lane, Instant sentAt) {}

    private final Outbox outbox;
    private final Uplink uplink;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final Settings settings;
    private final Backoff retryBackoff;
    private final Backoff alertBackoff;
    private final Map<Long, Flight> inFlight = new HashMap<>();
    private final Counters counters = new Counters();
    private final ClockOffsetFilter clockOffset = new ClockOffsetFilter();
    private double window = 1;
    private double threshold;
    /** Entries from this id on are live; written by link callbacks, read by the pump. */
    private volatile long liveFrom = Long.MAX_VALUE;

    /** Until when the live and backlog lanes wait after a "try later" of a data batch. */
    private Instant pausedUntil = Instant.MIN;
    /** Until when the alert lane waits after a "try later" of an alert. */
    private Instant alertsPausedUntil = Instant.MIN;

    private volatile boolean closed;

    public Dispatcher(Outbox outbox, Uplink uplink, Clock clock, ScheduledExecutorService executor, Settings settings) {
        this.outbox = outbox;
        this.uplink = uplink;
        this.clock = clock;
        this.executor = executor;
        this.settings = settings;
        this.threshold = settings.initialThreshold();
        this.retryBackoff = new Backoff(settings.retryInitial(), settings.retryMax(), new Random());
        this.alertBackoff = new Backoff(settings.retryInitial(), settings.retryMax(), new Random());
    }

    /** Subscribes to the outbox, starts the uplink and the periodic pump. */
    public void start() {
        outbox.addListener(this);
        uplink.start(this);
        executor.scheduleWithFixedDelay(
                () -> post(this::pump),
                settings.tick().toMillis(),
                settings.tick().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void appended(OutboxEntry entry) {
        post(this::pump);
    }

    @Override
    public void connected(Uplink link) {
        liveFrom = outbox.nextEntryId(); // everything journaled while the link was down is backlog
        log.info(
                "event=uplink-connected uplink=\"{}\" backlog-batches={}",
                link.name(),
                outbox.stats().depth());
        post(this::pump);
    }

    @Override
    public void disconnected(Uplink link, String cause) {
        liveFrom = Long.MAX_VALUE;
        log.warn("event=uplink-disconnected uplink=\"{}\" cause=\"{}\"", link.name(), cause);
    }

    private void post(Runnable task) {
        if (!closed) {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("event=dispatch-failed error=\"{}\"", e.toString(), e);
                }
            });
        }
    }

    /** Sends what the lanes allow now. Runs on the executor thread. */
    void pump() {
        if (closed || !uplink.connected()) {
            return;
        }
        Instant now = clock.instant();
        if (!now.isBefore(alertsPausedUntil)) {
            for (OutboxEntry e : outbox.waiting(EntryKind.ALERT, 0, this::idle, 64)) {
                launch(e, Lane.ALERT);
            }
        }
        if (now.isBefore(pausedUntil)) {
            return;
        }
        long from = liveFrom;
        int live = settings.liveInFlight() - count(Lane.LIVE);
        if (live > 0) {
            for (OutboxEntry e : outbox.waiting(null, from, Long.MAX_VALUE, this::idleNonAlert, live)) {
                launch(e, Lane.LIVE);
            }
        }
        int backlog = (int) Math.floor(window) - count(Lane.BACKLOG);
        if (backlog > 0) {
            for (OutboxEntry e : outbox.waiting(null, 0, from, this::idleNonAlert, backlog)) {
                launch(e, Lane.BACKLOG);
            }
        }
    }

    private boolean idle(OutboxEntry e) {
        return !inFlight.containsKey(e.id());
    }

    private boolean idleNonAlert(OutboxEntry e) {
        return e.kind() != EntryKind.ALERT && idle(e);
    }

    private int count(Lane lane) {
        int n = 0;
        for (Flight f : inFlight.values()) {
            if (f.lane() == lane) {
                n++;
            }
        }
        return n;
    }

    private void launch(OutboxEntry entry, Lane lane) {
        Flight flight = new Flight(entry, lane, clock.instant());
        inFlight.put(entry.id(), flight);
        counters.sent++;
        byte[] payload;
        try {
            payload = outbox.payload(entry);
        } catch (RuntimeException e) {
            inFlight.remove(entry.id());
            log.error("event=outbox-read-failed identity={} error=\"{}\"", entry.label(), e.getMessage());
            return;
        }
        String identity = outbox.origin().gatewayId() + "/" + entry.label();
        if (lane == Lane.ALERT) {
            // Alerts are rare; scripts/bench-alert-latency.sh times the edge stages from this line.
            log.info("event=alert-sent identity={} uplink=\"{}\"", entry.label(), uplink.name());
        }
        uplink.send(MessageKind.of(entry.kind()), identity, payload)
                .whenComplete((outcome, failure) -> post(() -> answered(
                        flight, failure != null ? SendOutcome.RetryLater.because(failure.toString()) : outcome)));
    }

    private void answered(Flight flight, SendOutcome outcome) {
        if (inFlight.get(flight.entry().id()) != flight) {
            return;
        }
        inFlight.remove(flight.entry().id());
        OutboxEntry entry = flight.entry();
        if (outcome instanceof SendOutcome.Stored stored) {
            counters.stored++;
            stored.collectorTimes().ifPresent(t -> clockOffset.add(flight.sentAt(), t, clock.instant()));
            outbox.release(entry.id(), ReleaseReason.STORED);
            (flight.lane() == Lane.ALERT ? alertBackoff : retryBackoff).reset();
            if (flight.lane() == Lane.BACKLOG) {
                window = Math.min(settings.maxWindow(), window < threshold ? window + 1 : window + 1 / window);
            }
        } else if (outcome instanceof SendOutcome.Rejected rejected) {
            counters.rejected++;
            outbox.deadLetter(entry.id(), rejected.reason());
        } else if (outcome instanceof SendOutcome.RetryLater retry) {
            counters.retries++;
            boolean alert = flight.lane() == Lane.ALERT;
            if (!alert) {
                threshold = Math.max(2, window / 2);
                window = Math.max(1, window / 2);
            }
            Duration wait = (alert ? alertBackoff : retryBackoff).next();
            if (retry.after().isPresent() && retry.after().get().compareTo(wait) > 0) {
                wait = retry.after().get();
            }
            Instant until = clock.instant().plus(wait);
            if (until.isAfter(alert ? alertsPausedUntil : pausedUntil)) {
                if (alert) {
                    alertsPausedUntil = until;
                } else {
                    pausedUntil = until;
                }
                log.info(
                        "event=uplink-retry-later identity={} why=\"{}\" pause-ms={} window={}",
                        entry.label(),
                        retry.why(),
                        wait.toMillis(),
                        (int) window);
                executor.schedule(() -> post(this::pump), wait.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        pump();
    }

    /** Counters and the window now; safe to call from any thread (values may be a moment old). */
    public DispatchStats stats() {
        return new DispatchStats(counters.sent, counters.stored, counters.rejected, counters.retries, window);
    }

    /** The gateway clock minus the collector's, measured from the "stored" answers; safe from any thread. */
    public Optional<Duration> clockOffset() {
        return clockOffset.offset();
    }

    /** What the dispatcher did since start. */
    public record DispatchStats(long sent, long stored, long rejected, long retries, double window) {}

    /** Stops sending; batches in flight stay in the outbox and go again next start. Does not close the uplink. */
    @Override
    public void close() {
        closed = true;
        outbox.removeListener(this);
    }

    private static final class Counters {
        volatile long sent;
        volatile long stored;
        volatile long rejected;
        volatile long retries;
    }

    /** For tests and the bench: the lanes' in-flight counts now (call on the executor thread). */
    List<Integer> inFlightByLane() {
        return List.of(count(Lane.ALERT), count(Lane.LIVE), count(Lane.BACKLOG));
    }
}
