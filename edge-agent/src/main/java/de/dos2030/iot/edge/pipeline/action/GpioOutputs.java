package de.dos2030.iot.edge.pipeline.action;

import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.port.GpioOutput;

/**
 * Opens the GPIO outputs the gateway file lists: on a Pi {@code busFactory::gpioOutput}, in
 * simulation the simulated bus factory's, in tests a fake.
 */
@FunctionalInterface
public interface GpioOutputs {

    GpioOutput open(int pin) throws BusException;

    /** For gateways without local outputs (and replays): refuses every pin. */
    static GpioOutputs none() {
        return pin -> {
            throw new IllegalStateException("GPIO " + pin + " requested, but this pipeline was created without"
                    + " GPIO outputs: pass the bus factory's gpioOutput");
        };
    }
}
