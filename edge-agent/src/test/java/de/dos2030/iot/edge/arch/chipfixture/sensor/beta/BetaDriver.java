package de.dos2030.iot.edge.arch.chipfixture.sensor.beta;

import de.dos2030.iot.edge.arch.chipfixture.sensor.alpha.AlphaDriver;

/** Fixture: a chip that borrows another chip's driver (the violation the rule catches). */
public final class BetaDriver {
    public int read() {
        return new AlphaDriver().read() + 1;
    }
}
