package de.dos2030.iot.edge.uplink;

import de.dos2030.iot.edge.outbox.EntryKind;

/** Where a batch goes: {@code dos/{site}/{gateway}/batch}, {@code .../alert} or {@code .../health}. */
public enum Channel {
    BATCH("batch"),
    ALERT("alert"),
    HEALTH("health");

    private final String topicLevel;

    Channel(String topicLevel) {
        this.topicLevel = topicLevel;
    }

    /** The last MQTT topic level. */
    public String topicLevel() {
        return topicLevel;
    }

    public static Channel of(EntryKind kind) {
        return switch (kind) {
            case ALERT -> ALERT;
            case HEALTH -> HEALTH;
            case SAMPLES, FEATURES -> BATCH;
        };
    }
}
