package de.dos2030.iot.collector.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/**
 * Ingest metrics on {@code /prometheus}: batches by door and outcome, readings stored and
 * quarantined per door, rejects by door and reason, and time from hand-over to InfluxDB's answer.
 */
@Singleton
public class IngestMetrics {
    private final MeterRegistry meters;

    public IngestMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void outcome(Door door, IngestOutcome outcome) {
        // too_many apart from try_later: a gateway over its rate is not the collector being unwell
        String label = outcome instanceof IngestOutcome.TooMany
                ? "too_many"
                : IngestAnswer.of(outcome).status();
        Counter.builder("collector.ingest.batches")
                .description("batches by door and outcome")
                .tag("door", door.label())
                .tag("outcome", label)
                .register(meters)
                .increment();
        if (outcome instanceof IngestOutcome.Rejected r) {
            Counter.builder("collector.ingest.rejects")
                    .description("batches refused, by door and reason")
                    .tag("door", door.label())
                    .tag("reason", r.kind().label())
                    .register(meters)
                    .increment();
        }
    }

    void stored(Door door, int readings, int quarantined, long nanos) {
        Counter.builder("collector.ingest.readings")
                .description("readings stored, by door")
                .tag("door", door.label())
                .register(meters)
                .increment(readings);
        if (quarantined > 0) {
            Counter.builder("collector.ingest.quarantined")
                    .description("readings and alerts quarantined, by door")
                    .tag("door", door.label())
                    .register(meters)
                    .increment(quarantined);
        }
        Timer.builder("collector.ingest.store.latency")
                .description("from hand-over to InfluxDB's confirmation")
                .tag("door", door.label())
                .register(meters)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
