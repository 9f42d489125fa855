package de.dos2030.iot.edge.outbox;

/**
 * Told about changes to the outbox, on the thread that made them, while the outbox lock is held:
 * implementations must be quick and must not call back into the outbox.
 */
public interface OutboxListener {

    /** A batch was journaled and is ready to send. */
    default void appended(OutboxEntry entry) {}

    /** A batch left the outbox (stored, dead-lettered or evicted). */
    default void released(OutboxEntry entry, ReleaseReason reason) {}
}
