package de.dos2030.iot.collector.alerts;

/** Where an alert is in its lifecycle: raised, then possibly acknowledged, then cleared. */
public enum AlertStatus {
    RAISED,
    ACKNOWLEDGED,
    CLEARED
}
