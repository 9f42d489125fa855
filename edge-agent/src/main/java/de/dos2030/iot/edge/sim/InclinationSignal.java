package de.dos2030.iot.edge.sim;

import java.time.Instant;

/** Inclination of the mounting surface in degrees about the chip's x and y axes. */
public interface InclinationSignal {

    /** Writes the angles about x, y and z in degrees into {@code angles}. */
    void anglesDeg(Instant t, double[] angles);

    static InclinationSignal constant(double x, double y, double z) {
        return (t, a) -> {
            a[0] = x;
            a[1] = y;
            a[2] = z;
        };
    }
}
