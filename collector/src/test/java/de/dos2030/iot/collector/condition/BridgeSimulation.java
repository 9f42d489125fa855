package de.dos2030.iot.collector.condition;

import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A bridge at the level of the edge's window features, at simulated time: what a bridge gateway would
 * send per window. Mode i's frequency is {@code f0_i * (1 - 0.002 * (T - 10)) * sqrt(1 - damage_i)} plus
 * measurement noise and a slow unmodelled wander; the temperature follows a seasonal cycle (+-10 K around
 * 10 degC) and a daily cycle of 15 K peak to peak. Traffic excites the deck in a share of the windows (by
 * day far more than by night): those windows carry quality OK frequencies; ambient windows carry SUSPECT
 * ones or none (no clear peak). Two strain gauges and a tilt sensor follow the temperature, lorries add
 * short strain peaks, and a settlement adds a step that stays at one gauge.
 */
final class BridgeSimulation {
    static final String ACC = "acc-1";
    static final String TEMP = "deck-temp";
    static final String GAUGE_1 = "sg-1";
    static final String GAUGE_2 = "sg-2";
    static final String TILT = "tilt-1";
    static final double[] F0 = {10.8, 27.4, 43.9};

    private final SplittableRandom random;
    private final Duration window;
    private final double[] damage = new double[3];
    private final double[] wander = new double[3];
    private double settlement;
    private Instant now;

    BridgeSimulation(long seed, Instant start, Duration window) {
        this.random = new SplittableRandom(seed);
        this.now = start;
        this.window = window;
    }

    /** Stiffness loss of mode {@code mode} (0 for f1), e.g. 0.03: the frequency drops by about half of it. */
    void damage(int mode, double stiffnessLoss) {
        damage[mode] = stiffnessLoss;
    }

    /** A support settles: gauge 2 shows this step (um/m) from now on. */
    void settle(double step) {
        settlement = step;
    }

    Instant now() {
        return now;
    }

    /** The true structure temperature at {@code t}. */
    static double temperature(Instant t) {
        double day = t.atZone(ZoneOffset.UTC).getDayOfYear()
                + t.atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay() / 86400.0;
        double hour = t.atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay() / 3600.0;
        double seasonal = 10 - 10 * Math.cos(2 * Math.PI * (day - 20) / 365.0);
        double daily = -7.5 * Math.cos(2 * Math.PI * (hour - 3) / 24.0); // coldest at 03:00, warmest at 15:00
        return seasonal + daily;
    }

    /** The readings of the next {@code windows} windows, as one batch. */
    List<Reading> next(int windows) {
        List<Reading> out = new ArrayList<>(windows * 9);
        for (int w = 0; w < windows; w++) {
            now = now.plus(window);
            double t = temperature(now);
            double hour = now.atZone(ZoneOffset.UTC).getHour();
            boolean day = hour >= 6 && hour < 22;
            boolean excited = random.nextDouble() < (day ? 0.6 : 0.05);
            out.add(Reading.sample(TEMP, Quantity.TEMPERATURE, now, t + gaussian(0.1)));
            out.add(Reading.sample(ACC, Quantity.VIBRATION_RMS, now, excited ? 0.02 : 0.001));
            for (int i = 0; i < 3; i++) {
                wander[i] = 0.999 * wander[i] + gaussian(0.0002 * F0[i] / 10.8); // slow, small, unmodelled
                double f = F0[i] * (1 - 0.002 * (t - 10)) * Math.sqrt(1 - damage[i]) + wander[i];
                if (excited) {
                    out.add(mode(i, f + gaussian(0.03), Quality.OK));
                } else if (random.nextDouble() < 0.5) {
                    out.add(mode(i, f + gaussian(0.2), Quality.SUSPECT));
                }
            }
            boolean lorry = day && random.nextDouble() < 0.05;
            double load = lorry ? 60 + random.nextDouble() * 60 : 0;
            out.add(Reading.sample(GAUGE_1, Quantity.STRAIN, now, 150 + 11 * (t - 10) + load + gaussian(2)));
            out.add(Reading.sample(
                    GAUGE_2, Quantity.STRAIN, now, -80 + 9 * (t - 10) + 0.8 * load + settlement + gaussian(2)));
            out.add(new Reading(
                    TILT, Quantity.TILT, Statistic.MEAN, now, 0.01 + 0.004 * (t - 10) + gaussian(0.002), Quality.OK));
        }
        return out;
    }

    private Reading mode(int i, double f, Quality q) {
        return new Reading(ACC, Quantity.modeFrequency(i), Statistic.SAMPLE, now, f, q);
    }

    private double gaussian(double sd) {
        // Box-Muller on the seeded generator, so that every run is the same bridge.
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
