package de.dos2030.iot.edge.pipeline;

import de.dos2030.iot.edge.pipeline.rules.SensorRules;

/** One configured sensor inside the pipeline: its channels by quantity, its rules, its upstream policy. */
final class SensorNode {

    private final String sensorId;
    private final Upstream upstream;
    private final SensorRules rules;
    final Channel[] channels = new Channel[de.dos2030.iot.model.Quantity.values().length];
    private int activeAlerts;
    private long rejected;

    SensorNode(String sensorId, Upstream upstream, SensorRules rules) {
        this.sensorId = sensorId;
        this.upstream = upstream;
        this.rules = rules;
        recount();
    }

    String sensorId() {
        return sensorId;
    }

    SensorRules rules() {
        return rules;
    }

    boolean sendsRaw() {
        return upstream == Upstream.RAW || activeAlerts > 0;
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
