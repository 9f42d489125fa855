package de.dos2030.iot.edge.uplink;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The collector's end-to-end answer to one batch, whatever the protocol: the one place where MQTT
 * ack messages, CoAP codes and HTTP statuses meet.
 */
public sealed interface SendOutcome {

    /**
     * In InfluxDB: the batch may leave the outbox. {@code summary} is for the log; {@code collectorTimes}, when
     * the answer carried them, let the dispatcher measure the clock offset.
     */
    record Stored(String summary, Optional<CollectorTimes> collectorTimes) implements SendOutcome {
        public Stored(String summary) {
            this(summary, Optional.empty());
        }
    }

    /** The collector's clock when the batch arrived and when it was stored. */
    record CollectorTimes(Instant received, Instant answered) {}

    /** Refused for good (bad batch, not authorised): dead letter, do not retry. */
    record Rejected(String reason) implements SendOutcome {}

    /** Try later: no answer, overloaded, storage down, link down. {@code after} is the server's hint, if any. */
    record RetryLater(String why, Optional<Duration> after) implements SendOutcome {
        public static RetryLater because(String why) {
            return new RetryLater(why, Optional.empty());
        }
    }
}
