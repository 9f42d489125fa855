package de.dos2030.iot.config.model;

/** What the full outbox gives up first: the oldest reading batches (alerts kept to the last), the oldest of anything, or nothing (new batches are refused). */
public enum EvictionPolicy {
    OLDEST_READINGS_FIRST("oldest-readings-first"),
    OLDEST_FIRST("oldest-first"),
    REJECT_NEW("reject-new");

    private final String wireName;

    EvictionPolicy(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the YAML file. */
    public String wireName() {
        return wireName;
    }
}
