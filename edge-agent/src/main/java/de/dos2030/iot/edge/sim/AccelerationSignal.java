package de.dos2030.iot.edge.sim;

import java.time.Instant;

/** Acceleration at the sensor in g, chip axes, gravity included (a level chip reads z = +1 g). */
public interface AccelerationSignal {

    /** Writes x, y, z in g into {@code xyz}. */
    void accelerationG(Instant t, double[] xyz);

    static AccelerationSignal constant(double x, double y, double z) {
        return (t, xyz) -> {
            xyz[0] = x;
            xyz[1] = y;
            xyz[2] = z;
        };
    }
}
