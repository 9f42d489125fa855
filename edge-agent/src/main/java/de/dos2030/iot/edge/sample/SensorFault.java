package de.dos2030.iot.edge.sample;

import java.time.Instant;

/**
 * The fault signal: a sensor stopped delivering good samples, and why. The rule engine turns it
 * into a sensor-fault alert; {@code probe} and {@code watch} print the message.
 */
public record SensorFault(String sensorId, FaultKind kind, String message, Instant time) {}
