package de.dos2030.iot.collector.condition;

/**
 * What the engine tells the outside world, in the order it happens: the relational store keeps it
 * (so that a restart resumes), the alert service records the alerts. Called under the engine's lock.
 */
public interface ConditionPort {
    /** A bin counted towards a baseline being learned. */
    void learningBin(SeriesKey key, BinPoint bin);

    /** A new baseline version; the learning bins of its feature are no longer needed. */
    void baselineLearned(Baseline baseline);

    /** The feature's state after a closed bin, a new baseline or a re-learn. */
    void seriesMoved(SeriesRecord series);

    /** A modal-shift or settlement alert raised or cleared. */
    void alert(ConditionAlert alert);
}
