package de.dos2030.iot.edge.arch.chipfixture.sensor.alpha;

import de.dos2030.iot.edge.arch.chipfixture.sensor.sensirion.SharedFraming;

/** Fixture: a chip that uses only the shared code (allowed). */
public final class AlphaDriver {
    public int read() {
        return SharedFraming.frame(0x1234);
    }
}
