package de.dos2030.iot.model;

/** Severity of an alert, lowest first so that {@code compareTo} orders by urgency. */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL
}
