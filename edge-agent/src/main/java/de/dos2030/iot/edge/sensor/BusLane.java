package de.dos2030.iot.edge.sensor;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The sensors of one bus, stepped in due order. A bus carries one transaction at a time anyway,
 * so one lane = one thread in real time; lanes of different buses run in parallel.
 */
final class BusLane {

    private final String bus;
    private final PriorityQueue<ScheduledSensor> queue =
            new PriorityQueue<>(Comparator.comparing(ScheduledSensor::due));
    private final List<ScheduledSensor> all = new ArrayList<>();

    BusLane(String bus) {
        this.bus = bus;
    }

    String bus() {
        return bus;
    }

    void add(ScheduledSensor sensor) {
        queue.add(sensor);
        all.add(sensor);
    }

    List<ScheduledSensor> sensors() {
        return List.copyOf(all);
    }

    /** Earliest due time, or {@code null} for an empty lane. */
    Instant nextDue() {
        ScheduledSensor head = queue.peek();
        return head == null ? null : head.due();
    }

    /**
     * Runs every sensor due at or before the clock's time on entry, each once, each at the
     * clock's time when its turn comes (an earlier sensor's step may have taken a while).
     */
    void runDue(Clock clock) {
        Instant now = clock.instant();
        List<ScheduledSensor> ran = new ArrayList<>();
        while (!queue.isEmpty() && !queue.peek().due().isAfter(now)) {
            ScheduledSensor s = queue.poll();
            s.run(clock);
            ran.add(s);
        }
        queue.addAll(ran);
    }
}
