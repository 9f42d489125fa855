package de.dos2030.iot.edge.pipeline.rules;

import de.dos2030.iot.model.AlertEvent;

/**
 * Where checks deliver their transitions. The pipeline forwards each event to its output, updates
 * the local outputs and persists the tracker's new state before the next sample is processed.
 */
public interface AlertSink {

    /** {@code tracker} has just raised, changed severity or cleared: {@code event} says which. */
    void transition(AlertTracker tracker, AlertEvent event);
}
