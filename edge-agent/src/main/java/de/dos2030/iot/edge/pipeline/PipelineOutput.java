package de.dos2030.iot.edge.pipeline;

import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.RawCapture;
import de.dos2030.iot.model.Reading;

/**
 * What the pipeline hands on: the readings worth sending (raw samples and window features, as
 * configured per sensor) and alert events. The batcher in front of the outbox implements it;
 * {@code replay} prints it. Called from the pipeline's thread; implementations must be quick.
 */
public interface PipelineOutput {

    /** A raw sample or a window statistic to send upstream with the next batch. */
    void reading(Reading reading);

    /** An alert was raised, changed severity or cleared: to be sent at once, ahead of the queue. */
    void alert(AlertEvent event);

    /**
     * Raw samples around an alarm, complete: to be sent as a batch of its own. Outputs that send
     * nothing upstream (replay's printer) may ignore it, which is what this default does.
     */
    default void capture(RawCapture capture) {}
}
