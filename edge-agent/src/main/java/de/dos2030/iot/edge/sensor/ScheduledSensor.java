package de.dos2030.iot.edge.sensor;

import de.dos2030.iot.edge.sample.FaultKind;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sample.SensorFault;
import de.dos2030.iot.edge.sample.SensorListener;
import de.dos2030.iot.model.Quality;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One acquisition with its timing and fault state: runs it when due, turns a thrown fault into a
 * fault signal plus a restart with exponential back-off (1 s doubling to 60 s), reports recovery
 * on the first good sample after a fault, and never repeats an unchanged fault.
 */
final class ScheduledSensor {

    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(60);

    private final Acquisition acquisition;
    private final SensorListener listener;
    private Instant due;
    private Duration retry = FIRST_RETRY;
    private String activeFault;

    ScheduledSensor(Acquisition acquisition, SensorListener listener, Instant firstDue) {
        this.acquisition = Objects.requireNonNull(acquisition);
        this.listener = Objects.requireNonNull(listener);
        this.due = firstDue;
    }

    Acquisition acquisition() {
        return acquisition;
    }

    Instant due() {
        return due;
    }

    /**
     * Runs one step at the clock's current time and moves the due time. The returned delay counts
     * from the end of the step, as read on {@code clock}: in real time the step may have waited
     * for the CPU or for a sensor stepped before it, and a chip told "read in 1 ms" must get its
     * 1 ms after the command actually went out, not after the time this lane woke up.
     */
    void run(Clock clock) {
        Instant now = clock.instant();
        String id = acquisition.label().sensorId();
        boolean[] faultedThisStep = {false};
        SampleSink sink = new SampleSink() {
            @Override
            public void sample(Sample sample) {
                // A good sample from the step that reported the fault (the temperature of a frame
                // whose CO2 was invalid) is no recovery: that needs a good sample in a later step.
                if (activeFault != null && sample.quality() == Quality.OK && !faultedThisStep[0]) {
                    activeFault = null;
                    listener.recovered(id, sample.timestamp());
                }
                listener.sample(sample);
            }

            @Override
            public void axes(String sensorId, Instant time, double x, double y, double z, Quality quality) {
                listener.axes(sensorId, time, x, y, z, quality);
            }

            @Override
            public void fault(SensorException fault) {
                faultedThisStep[0] = true;
                signal(fault, now);
            }
        };
        try {
            Duration delay = acquisition.step(now, sink);
            retry = FIRST_RETRY;
            due = later(now, clock.instant()).plus(delay.isNegative() ? Duration.ZERO : delay);
        } catch (SensorException e) {
            signal(e, now);
            acquisition.restart();
            due = later(now, clock.instant()).plus(retry);
            Duration doubled = retry.multipliedBy(2);
            retry = doubled.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : doubled;
        } catch (RuntimeException e) {
            // A driver bug must not take the other sensors on this bus down with it.
            signal(
                    new SensorException(
                            FaultKind.BUS_ERROR, acquisition.label().chip() + " '" + id + "' driver error: " + e, e),
                    now);
            acquisition.restart();
            due = later(now, clock.instant()).plus(MAX_RETRY);
        }
    }

    private static Instant later(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }

    private void signal(SensorException e, Instant now) {
        if (!e.getMessage().equals(activeFault)) {
            activeFault = e.getMessage();
            listener.fault(new SensorFault(acquisition.label().sensorId(), e.kind(), e.getMessage(), now));
        }
    }
}
