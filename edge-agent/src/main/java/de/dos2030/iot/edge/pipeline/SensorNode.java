package de.dos2030.iot.edge.pipeline;

import de.dos2030.iot.config.model.SendPolicy;
import de.dos2030.iot.edge.pipeline.rules.SensorRules;

/**
 * One configured sensor inside the pipeline (or the pitch or roll derived from an accelerometer):
 * its channels by quantity, its rules, what it sends upstream.
 */
final class SensorNode {

    private final String sensorId;
    private final SendPolicy send;
    private final SensorRules rules;
    final QuantityChannel[] channels = new QuantityChannel[de.dos2030.iot.model.Quantity.values().length];
    private int activeAlerts;
    private long rejected;

    SensorNode(String sensorId, SendPolicy send, SensorRules rules) {
        this.sensorId = sensorId;
        this.send = send;
        this.rules = rules;
        recount();
    }

    String sensorId() {
        return sensorId;
    }

    SensorRules rules() {
        return rules;
    }

    /** Raw samples go upstream: always, or for {@code send: features} while one of the sensor's alerts is active. */
    boolean sendsRaw() {
        return send != SendPolicy.FEATURES || activeAlerts > 0;
    }

    /** Window features go upstream (they reach the rules either way). */
    boolean sendsFeatures() {
        return send != SendPolicy.RAW;
    }

    void recount() {
        int n = 0;
        for (var t : rules.trackers()) {
            if (t.isActive()) {
                n++;
            }
        }
        activeAlerts = n;
    }

    void rejected() {
        rejected++;
    }

    long rejectedCount() {
        return rejected;
    }
}
