package de.dos2030.iot.config.model;

/** How alert events travel: on the priority path ahead of the outbox queue, or inside the next batch. */
public enum AlertDelivery {
    PRIORITY("priority"),
    WITH_BATCHES("with-batches");

    private final String wireName;

    AlertDelivery(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the YAML file. */
    public String wireName() {
        return wireName;
    }
}
