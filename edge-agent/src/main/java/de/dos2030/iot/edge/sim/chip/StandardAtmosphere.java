package de.dos2030.iot.edge.sim.chip;

/**
 * The pressure a CO2 chip assumes for an altitude it was given (ISO 2533 troposphere, the
 * barometric formula Sensirion's application notes use): the simulated NDIR chips scale their
 * reading by actual / assumed pressure, as the real optics do.
 */
final class StandardAtmosphere {

    static final double SEA_LEVEL_HPA = 1013.25;

    private StandardAtmosphere() {}

    /** p = 1013.25 * (1 - 2.25577e-5 * h)^5.25588 hPa. */
    static double pressureHpa(double altitudeM) {
        return SEA_LEVEL_HPA * Math.pow(1 - 2.25577e-5 * altitudeM, 5.25588);
    }
}
