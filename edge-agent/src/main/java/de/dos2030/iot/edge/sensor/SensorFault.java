package de.dos2030.iot.edge.sensor;

import java.time.Instant;

/**
 * The fault signal: a sensor stopped delivering good samples, and why. The rule engine turns it
 * into a sensor-fault alert; {@code probe} and {@code watch} print the message.
 */
public record SensorFault(String sensorId, FaultKind kind, String message, Instant time) {

    public static SensorFault of(String sensorId, SensorException e, Instant time) {
        return new SensorFault(sensorId, e.kind(), e.getMessage(), time);
    }
}
