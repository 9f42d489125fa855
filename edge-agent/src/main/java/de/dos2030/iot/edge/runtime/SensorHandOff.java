package de.dos2030.iot.edge.runtime;

import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sample.SensorFault;
import de.dos2030.iot.edge.sample.SensorListener;
import de.dos2030.iot.model.Quality;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes what the bus threads produce and hands it to a slower listener (the pipeline, whose
 * batcher may wait for an fsync) on a thread of its own, in arrival order. A bus thread then only
 * queues: it is back on its bus when the chip needs it (an ADXL355 FIFO at 500 Hz holds 64 ms),
 * instead of waiting for a window's FFT or the disk.
 *
 * <p>Accelerometer x/y/z sets ({@link #axes}) are queued only for the sensors that derive tilt;
 * the others' sets cost nothing here (at 400-500 Hz a queued event per set would be a third of
 * the hand-off's traffic for nothing).
 *
 * <p>The queue is bounded; when the downstream listener falls that far behind, producers wait
 * (nothing is dropped) and the first wait is logged. {@link #close()} delivers what is queued.
 * Thread-safe.
 */
final class SensorHandOff implements SensorListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SensorHandOff.class);

    /** About 30 s of a 500 Hz accelerometer plus the slow sensors. */
    static final int CAPACITY = 16_384;

    private final SensorListener downstream;
    private final Set<String> tiltSensors;
    private final BlockingQueue<Runnable> queue;
    private final Thread thread;
    private volatile boolean closing;
    private volatile boolean warned;

    /** @param tiltSensors ids of the sensors whose x/y/z sets are forwarded (those with {@code tilt:}) */
    SensorHandOff(SensorListener downstream, Set<String> tiltSensors) {
        this(downstream, tiltSensors, CAPACITY);
    }

    SensorHandOff(SensorListener downstream, Set<String> tiltSensors, int capacity) {
        this.downstream = Objects.requireNonNull(downstream);
        this.tiltSensors = Set.copyOf(tiltSensors);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::deliver, "sensor-hand-off");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void sample(Sample sample) {
        put(() -> downstream.sample(sample));
    }

    @Override
    public void fault(SensorFault fault) {
        put(() -> downstream.fault(fault));
    }

    @Override
    public void recovered(String sensorId, Instant time) {
        put(() -> downstream.recovered(sensorId, time));
    }

    @Override
    public void axes(String sensorId, Instant time, double x, double y, double z, Quality quality) {
        if (tiltSensors.contains(sensorId)) {
            put(() -> downstream.axes(sensorId, time, x, y, z, quality));
        }
    }

    private void put(Runnable event) {
        if (queue.offer(event)) return;
        if (!warned) {
            warned = true;
            log.warn(
                    "event=sensor-hand-off-full capacity={} why=\"the pipeline is slower than the sensors: bus threads wait\"",
                    queue.remainingCapacity() + queue.size());
        }
        try {
            queue.put(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing a sensor event to the pipeline", e);
        }
    }

    private void deliver() {
        while (!closing || !queue.isEmpty()) {
            Runnable event;
            try {
                event = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (event == null) continue;
            try {
                event.run();
            } catch (RuntimeException e) {
                log.error("event=sensor-event-failed error=\"{}\"", e.toString(), e);
            }
        }
    }

    /** Delivers everything queued (call after the sensors stopped), then ends the thread. */
    @Override
    public void close() {
        closing = true; // no interrupt: it would close the outbox's file channel under the pipeline
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
