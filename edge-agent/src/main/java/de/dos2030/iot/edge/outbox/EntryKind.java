package de.dos2030.iot.edge.outbox;

/**
 * What a batch in the outbox carries, which decides its topic, its priority on the link and what a
 * full outbox gives up first. Declared in eviction order for {@code oldest-readings-first}:
 * health snapshots and raw samples go first, window features next, alerts last.
 */
public enum EntryKind {
    /** Health-only batch: {@code .../health}. */
    HEALTH,
    /** Raw samples (statistic {@code sample}): {@code .../batch}. */
    SAMPLES,
    /** Window features (mean, min, max, stddev, vibration features) and alerts sent with batches: {@code .../batch}. */
    FEATURES,
    /** Alert-only batch on the priority path: {@code .../alert}, sent ahead of the queue. */
    ALERT
}
