package de.dos2030.iot.edge.history;

import de.dos2030.iot.edge.batch.Batcher;
import de.dos2030.iot.edge.pipeline.PipelineOutput;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Between the pipeline and the batcher of a history run: window features pass whole; raw samples are
 * thinned to one per sensor, quantity and statistic every {@code interval} (a day of 100 Hz strain is 8.6
 * million readings; the collector's condition bins need a few per 10 minutes); alert events are counted and
 * left out, because the alarms of a simulated past are long over and would only flood subscribers now.
 * Single-threaded (the history's scheduler thread).
 */
final class SampleThinning implements PipelineOutput {
    private final PipelineOutput next;
    private final long intervalNanos;
    private final Map<String, Instant> due = new HashMap<>();
    long passed;
    long thinned;
    long alertsLeftOut;

    /** @param interval zero passes every raw sample */
    SampleThinning(PipelineOutput next, Duration interval) {
        this.next = next;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void reading(Reading r) {
        if (intervalNanos > 0 && !Batcher.isFeature(r)) {
            String key = r.sensorId() + '\u0000' + r.quantity() + '\u0000' + r.statistic();
            Instant next = due.get(key);
            if (next != null && r.time().isBefore(next)) {
                thinned++;
                return;
            }
            due.put(key, r.time().plusNanos(intervalNanos));
        }
        passed++;
        next.reading(r);
    }

    @Override
    public void alert(AlertEvent event) {
        alertsLeftOut++;
    }
}
