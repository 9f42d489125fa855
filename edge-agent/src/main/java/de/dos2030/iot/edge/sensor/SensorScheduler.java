package de.dos2030.iot.edge.sensor;

import de.dos2030.iot.edge.sample.SensorListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Runs acquisitions: one lane per bus, each lane stepping its sensors in due order.
 *
 * <p>Two ways to run the same lanes:
 * <ul>
 *   <li>{@link #start()}: real time, one daemon thread per bus. A slow transaction (an SCD30
 *       stretching the clock on its software I2C bus) then delays only its own bus.</li>
 *   <li>{@link #runUntil(Instant, Consumer)}: single-threaded discrete-event run for simulated
 *       sources, tests and benchmarks: time jumps from one due step to the next, so a day of
 *       classroom passes in seconds and tests never sleep.</li>
 * </ul>
 * Use one or the other on an instance, not both.
 */
public final class SensorScheduler implements AutoCloseable {

    private final Clock clock;
    private final SensorListener listener;
    private final Map<String, BusLane> lanes = new LinkedHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public SensorScheduler(Clock clock, SensorListener listener) {
        this.clock = Objects.requireNonNull(clock);
        this.listener = Objects.requireNonNull(listener);
    }

    /**
     * Adds a sensor to the lane of {@code bus} (e.g. {@code i2c-1}); it first runs at once.
     * Must be called before {@link #start()}.
     */
    public synchronized void add(String bus, Acquisition acquisition) {
        if (running) throw new IllegalStateException("add sensors before start()");
        lanes.computeIfAbsent(bus, BusLane::new).add(new ScheduledSensor(acquisition, listener, clock.instant()));
    }

    public synchronized List<String> buses() {
        return List.copyOf(lanes.keySet());
    }

    /**
     * Discrete-event run up to {@code end}: repeatedly picks the earliest due step of any lane,
     * lets {@code advanceTo} move the (virtual) clock there, and runs it at the clock's time then.
     * A step that moves the clock (or an {@code advanceTo} that overshoots, as a late thread would)
     * is seen by the steps after it, exactly as in real time.
     *
     * @param advanceTo sets this scheduler's clock to the given instant (or later), e.g. {@code VirtualClock::setInstant}
     */
    public void runUntil(Instant end, Consumer<Instant> advanceTo) {
        while (true) {
            BusLane next = null;
            Instant nextDue = null;
            for (BusLane lane : lanes.values()) {
                Instant due = lane.nextDue();
                if (due != null && (nextDue == null || due.isBefore(nextDue))) {
                    next = lane;
                    nextDue = due;
                }
            }
            if (next == null || nextDue.isAfter(end)) break;
            Instant now = nextDue.isBefore(clock.instant()) ? clock.instant() : nextDue;
            advanceTo.accept(now);
            next.runDue(clock);
        }
        if (clock.instant().isBefore(end)) advanceTo.accept(end);
    }

    /** Real time: starts one thread per bus. */
    public synchronized void start() {
        if (running) return;
        running = true;
        for (BusLane lane : lanes.values()) {
            Thread t = new Thread(() -> loop(lane), "sensors-" + lane.bus());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void loop(BusLane lane) {
        while (running) {
            lane.runDue(clock);
            Instant due = lane.nextDue();
            if (due == null) return;
            long waitNanos = Duration.between(clock.instant(), due).toNanos();
            if (waitNanos > 0) LockSupport.parkNanos(waitNanos);
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        for (Thread t : threads) {
            LockSupport.unpark(t);
            try {
                t.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
    }
}
