package de.dos2030.iot.edge.outbox;

/**
 * What a batch in the outbox carries, which decides its topic, its priority on the link and what a
 * full outbox gives up first ({@code EvictionOrder}: health snapshots and raw samples first, raw
 * captures next, window features after them, alerts last). The journal stores the ordinal: new kinds
 * go at the end.
 */
public enum EntryKind {
    /** Health-only batch: {@code .../health}. */
    HEALTH,
    /** Raw samples (statistic {@code sample}): {@code .../batch}. */
    SAMPLES,
    /** Window features (mean, min, max, stddev, vibration features) and alerts sent with batches: {@code .../batch}. */
    FEATURES,
    /** Alert-only batch on the priority path: {@code .../alert}, sent ahead of the queue. */
    ALERT,
    /**
     * One raw capture around an alarm ({@code RawCapture}): {@code .../batch}, in the normal queue (its
     * alert went ahead already). Evicted after raw samples and before window features: one capture
     * weighs as much as hours of features, which the condition baselines need without gaps.
     */
    CAPTURE
}
