package de.dos2030.iot.edge.uplink;

import de.dos2030.iot.edge.outbox.EntryKind;

/**
 * What kind of message an uplink sends, which decides where it goes: {@code dos/{site}/{gateway}/batch},
 * {@code .../alert} or {@code .../health}.
 */
public enum MessageKind {
    BATCH("batch"),
    ALERT("alert"),
    HEALTH("health");

    private final String topicLevel;

    MessageKind(String topicLevel) {
        this.topicLevel = topicLevel;
    }

    /** The last MQTT topic level. */
    public String topicLevel() {
        return topicLevel;
    }

    public static MessageKind of(EntryKind kind) {
        return switch (kind) {
            case ALERT -> ALERT;
            case HEALTH -> HEALTH;
            case SAMPLES, FEATURES, CAPTURE -> BATCH;
        };
    }
}
