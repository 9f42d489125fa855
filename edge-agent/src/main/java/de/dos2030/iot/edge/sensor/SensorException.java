package de.dos2030.iot.edge.sensor;

import de.dos2030.iot.edge.sample.FaultKind;

/**
 * A sensor fault with a message a technician can act on, e.g.
 * {@code SCD41 'room-1.co2' did not answer at i2c-1 0x62: check SDA/SCL wiring and 3.3 V power}.
 * Build them through {@link SensorLabel} so that every driver words them alike.
 */
public class SensorException extends Exception {

    private final FaultKind kind;

    public SensorException(FaultKind kind, String message) {
        this(kind, message, null);
    }

    public SensorException(FaultKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public FaultKind kind() {
        return kind;
    }
}
