package de.dos2030.iot.edge.arch.chipfixture.sensor.sensirion;

/** Fixture: shared code every chip may use. */
public final class SharedFraming {
    public static int frame(int word) {
        return word & 0xFFFF;
    }
}
