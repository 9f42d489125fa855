package de.dos2030.iot.config.model;

/** When the outbox forces its journal to disk: after every batch, or at a fixed interval (fewer writes to the SD card, more to lose on power loss). */
public enum SyncPolicy {
    EVERY_BATCH("every-batch"),
    INTERVAL("interval");

    private final String wireName;

    SyncPolicy(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the YAML file. */
    public String wireName() {
        return wireName;
    }
}
