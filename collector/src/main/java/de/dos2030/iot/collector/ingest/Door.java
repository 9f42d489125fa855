package de.dos2030.iot.collector.ingest;

/** Which protocol a batch came in by: a label on metrics and logs. */
public enum Door {
    HTTP,
    MQTT,
    COAP;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
