package de.dos2030.iot.collector.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an alert's time goes inside the collector, from the ingest door on (so here, where the path starts): one DEBUG line per stage on the logger
 * {@code dos.alert.stages} (off by default; {@code COLLECTOR_ALERT_STAGES=DEBUG} turns it on, see
 * logback.xml), with epoch milliseconds, so that scripts/bench-alert-latency.sh can join them with the
 * edge agent's and the webhook receiver's times by alert id, event id and delivery id.
 *
 * <p>Stages: {@code stored} (batch received, and InfluxDB accepted it), {@code recorded} (the alert
 * step and its deliveries committed), {@code delivery-started} (a channel got it), {@code delivery-done}
 * (the channel's answer, e.g. the webhook's 2xx). Thread-safe; costs one level check when off.
 */
public final class AlertStages {
    private static final Logger LOG = LoggerFactory.getLogger("dos.alert.stages");

    private AlertStages() {}

    public static boolean enabled() {
        return LOG.isDebugEnabled();
    }

    /** An edge alert event of a batch that arrived at {@code receivedMs} was stored at {@code storedMs}. */
    public static void stored(String alertId, String state, long receivedMs, long storedMs) {
        LOG.debug("stage=stored alert={} state={} received={} stored={}", alertId, state, receivedMs, storedMs);
    }

    /** The alert step ({@code kind}: raised, cleared, ...) and its deliveries were committed as event {@code eventId}. */
    public static void recorded(String alertId, Object kind, long eventId, long atMs) {
        LOG.debug("stage=recorded alert={} kind={} event={} at={}", alertId, kind, eventId, atMs);
    }

    /** A delivery was handed to its channel. */
    public static void deliveryStarted(long deliveryId, long eventId, long atMs) {
        LOG.debug("stage=delivery-started delivery={} event={} at={}", deliveryId, eventId, atMs);
    }

    /** The channel answered (ok: accepted, e.g. a webhook's 2xx). */
    public static void deliveryDone(long deliveryId, boolean ok, long atMs) {
        LOG.debug("stage=delivery-done delivery={} ok={} at={}", deliveryId, ok, atMs);
    }
}
