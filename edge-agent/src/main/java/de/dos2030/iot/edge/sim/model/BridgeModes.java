package de.dos2030.iot.edge.sim.model;

import java.util.List;

/**
 * The natural frequencies of a simulated span's vertical modes as the deck's temperature and damage
 * set them; the physics of modal tracking's test bench in one place.
 *
 * <p><b>Temperature.</b> {@code f(T) = f_ref * (1 + c * (T - T_ref))} with {@code c} = -0.2 % per K
 * around {@code T_ref} = 10 degC: a bridge is stiffer in the cold, chiefly because the asphalt
 * surfacing and the elastomeric bearings stiffen (and, below freezing, much more; not modelled).
 * Source: B. Peeters, G. De Roeck, "One-year monitoring of the Z24-Bridge: environmental effects
 * versus damage events", Earthquake Engineering and Structural Dynamics 30 (2001) 149-171, who
 * measured a nearly linear fall of the first frequencies with temperature above 0 degC (of the
 * order of -0.1 to -0.3 % per K; the figure varies from bridge to bridge, which is why the
 * collector learns each one's own slope). A daily cycle of 15 K thus moves a mode by about 3 %,
 * twice what 3 % of lost stiffness does.
 *
 * <p><b>Damage.</b> A mode's frequency is {@code sqrt(k / m) / (2 pi)} in its modal stiffness k and
 * mass m, so losing a fraction x of its stiffness multiplies it by {@code sqrt(1 - x)}: 3 % lowers
 * it by 1.51 %, 10 % by 5.1 %. Losses are set, not added: {@link #loseStiffness} says how much
 * of its healthy stiffness a mode has lost in all.
 *
 * <p>Not thread-safe; {@link BridgeModel} calls it under its own lock.
 */
public final class BridgeModes {

    /** Temperature at which the configured frequencies hold. */
    public static final double REFERENCE_TEMPERATURE_C = 10.0;
    /** Relative change of every mode's frequency per kelvin (Peeters and De Roeck 2001, order of magnitude). */
    public static final double FREQUENCY_CHANGE_PER_K = -0.002;

    private final double[] referenceHz;
    private final double[] stiffnessLost;

    /** @param referenceHz each mode's healthy frequency at {@link #REFERENCE_TEMPERATURE_C} */
    public BridgeModes(List<Double> referenceHz) {
        if (referenceHz.isEmpty()) {
            throw new IllegalArgumentException("a bridge needs at least one mode");
        }
        this.referenceHz = referenceHz.stream().mapToDouble(Double::doubleValue).toArray();
        for (double f : this.referenceHz) {
            if (!(f > 0)) {
                throw new IllegalArgumentException("mode frequencies must be above 0 Hz: " + referenceHz);
            }
        }
        this.stiffnessLost = new double[this.referenceHz.length];
    }

    public int count() {
        return referenceHz.length;
    }

    /** Mode {@code index}'s healthy frequency at the reference temperature. */
    public double referenceHz(int index) {
        return referenceHz[index];
    }

    /**
     * Mode {@code index} (0 = fundamental) has lost {@code fraction} of its healthy stiffness, from now on.
     *
     * @throws IllegalArgumentException for a fraction outside [0, 1)
     */
    public void loseStiffness(int index, double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("a stiffness loss lies in [0, 1): " + fraction);
        }
        stiffnessLost[index] = fraction;
    }

    public double stiffnessLost(int index) {
        return stiffnessLost[index];
    }

    /** The factor a stiffness loss of {@code fraction} puts on a frequency: sqrt(1 - fraction). */
    public static double frequencyFactor(double fraction) {
        return Math.sqrt(1 - fraction);
    }

    /** The factor a deck at {@code temperatureC} puts on every frequency. */
    public static double temperatureFactor(double temperatureC) {
        return 1 + FREQUENCY_CHANGE_PER_K * (temperatureC - REFERENCE_TEMPERATURE_C);
    }

    /** Mode {@code index}'s frequency now, with the deck at {@code temperatureC}. */
    public double frequencyHz(int index, double temperatureC) {
        return referenceHz[index] * temperatureFactor(temperatureC) * frequencyFactor(stiffnessLost[index]);
    }
}
