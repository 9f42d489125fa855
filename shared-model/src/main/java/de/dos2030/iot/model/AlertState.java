package de.dos2030.iot.model;

/**
 * Where an alert stands. A second {@code RAISED} event with the same alert id changes the
 * severity of an active alert (escalation or de-escalation); {@code CLEARED} ends it.
 */
public enum AlertState {
    RAISED,
    CLEARED
}
