package de.dos2030.iot.edge.sensor;

/** A chip axis. On a bridge deck the vertical axis is usually z. */
public enum Axis {
    X,
    Y,
    Z;

    /** Picks this axis from an x/y/z triple. */
    public double of(double x, double y, double z) {
        return switch (this) {
            case X -> x;
            case Y -> y;
            case Z -> z;
        };
    }
}
