package de.dos2030.iot.edge.outbox;

/** Why a batch left the outbox. */
public enum ReleaseReason {
    /** The collector confirmed the batch is stored. */
    STORED,
    /** The collector rejected it for good; a copy is in the dead-letter directory. */
    DEAD_LETTERED,
    /** The outbox was full and its eviction policy gave this batch up. */
    EVICTED
}
