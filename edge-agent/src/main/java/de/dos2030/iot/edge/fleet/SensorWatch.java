package de.dos2030.iot.edge.fleet;

import java.util.Optional;

/**
 * What the sensors of one running configuration have shown since they started: the part of an
 * apply's watch that is about sensors. Thread-safe: the sensors' threads write, the applier reads.
 */
public interface SensorWatch {

    /** A sensor that could not even be opened, in words naming it, its chip and address; empty when all opened. */
    Optional<String> broken();

    /**
     * The first configured sensor that has not delivered a sample yet or whose latest signal is a
     * fault, in words ("sensor 'r1-air' (sht4x at i2c-1 0x45) did not answer: ..."); empty when every one answers.
     */
    Optional<String> silent();
}
