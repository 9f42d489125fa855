package de.dos2030.iot.collector.alerts;

/** A step of an alert's lifecycle, each recorded once and delivered to every matching subscription once. */
public enum EventKind {
    RAISED,
    SEVERITY_CHANGED,
    ACKNOWLEDGED,
    CLEARED
}
