package de.dos2030.iot.edge.sim;

import java.time.Instant;

/** A differential voltage at an ADC input in volts, e.g. a strain-gauge bridge output. */
@FunctionalInterface
public interface VoltageSignal {

    double volts(Instant t);
}
