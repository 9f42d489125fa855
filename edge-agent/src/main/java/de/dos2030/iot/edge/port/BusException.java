package de.dos2030.iot.edge.port;

import java.io.IOException;

/**
 * A bus transaction failed. The {@link Kind} tells a driver what to tell the technician: a device
 * that does not acknowledge its address is a wiring or power problem, a timeout on a clock-stretching
 * chip is a bus configuration problem.
 */
public class BusException extends IOException {

    /** What went wrong on the wire. */
    public enum Kind {
        /** The device did not acknowledge its address or a byte (Linux: EREMOTEIO / ENXIO). */
        NO_ACKNOWLEDGE,
        /** The transaction did not finish in time, e.g. a chip stretched the clock past the controller's limit. */
        TIMEOUT,
        /** Anything else the bus driver reported. */
        OTHER
    }

    private final Kind kind;
    private final BusAddress address;

    public BusException(Kind kind, BusAddress address, String message) {
        this(kind, address, message, null);
    }

    public BusException(Kind kind, BusAddress address, String message, Throwable cause) {
        super(address + ": " + message, cause);
        this.kind = kind;
        this.address = address;
    }

    public Kind kind() {
        return kind;
    }

    public BusAddress address() {
        return address;
    }
}
