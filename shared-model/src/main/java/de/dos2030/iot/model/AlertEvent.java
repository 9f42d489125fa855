package de.dos2030.iot.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A rule on the gateway (or the collector) raised or cleared an alert.
 *
 * @param alertId  the same for the raise, any severity change, and the clear of one alert
 * @param ruleId   the rule that fired, e.g. {@code co2-high}
 * @param sensorId the sensor it concerns
 * @param quantity the quantity it concerns; {@code null} for sensor faults and missing data
 * @param severity how urgent
 * @param state    raised or cleared
 * @param value    the value that triggered it; {@code null} when there is none (fault, no data)
 * @param limit    the limit that was crossed; {@code null} when there is none
 * @param time     when it happened, gateway clock, millisecond resolution
 * @param message  a readable one-line description for people, may be empty
 */
public record AlertEvent(
        String alertId,
        String ruleId,
        String sensorId,
        Quantity quantity,
        Severity severity,
        AlertState state,
        Double value,
        Double limit,
        Instant time,
        String message) {

    public AlertEvent {
        time = time == null ? null : time.truncatedTo(ChronoUnit.MILLIS);
        message = message == null ? "" : message;
    }
}
