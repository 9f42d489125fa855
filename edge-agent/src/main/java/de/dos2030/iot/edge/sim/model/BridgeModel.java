package de.dos2030.iot.edge.sim.model;

import de.dos2030.iot.edge.sim.AccelerationSignal;
import de.dos2030.iot.edge.sim.EnvironmentSignal;
import de.dos2030.iot.edge.sim.InclinationSignal;
import de.dos2030.iot.edge.sim.VoltageSignal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A single-span bridge, simulated in 1 ms steps: vertical bending modes (simply supported beam,
 * mode shapes sin(i pi x / L)) whose frequencies follow the deck temperature and any damage
 * ({@link BridgeModes}, retuned once a simulated second), excited by ambient noise and by vehicles crossing as a Poisson
 * stream, each vehicle shaking the modes in proportion to its mass while it is on the span;
 * strain at the gauge from the vehicles' moment influence line plus a daily temperature cycle;
 * tilt at a support with slow drift, traffic rotation, noise and an optional settlement step.
 *
 * <p>Deterministic for a seed: the same seed and query times give the same values. Time only
 * moves forward inside the model; a query up to {@link #HISTORY} in the past is answered from a
 * ring of recent steps (several bus threads ask at nearly the same time), older ones are clamped.
 *
 * <p>Thread-safe: queries are synchronized.
 */
public final class BridgeModel {

    /**
     * One vertical mode: its healthy frequency at {@link BridgeModes#REFERENCE_TEMPERATURE_C}, damping
     * ratio, and {@code participation}, which scales its ambient response (the fundamental dominates).
     */
    public record Mode(double frequencyHz, double damping, double participation) {}

    /**
     * @param spanM              span length
     * @param sensorAt           position of accelerometer and strain gauge as a fraction of the span
     * @param vehiclesPerHour    mean traffic
     * @param truckShare         share of heavy vehicles (12-40 t) among them; the rest are cars of ~1.5 t
     * @param ambientRmsG        RMS vertical acceleration without traffic (Munich test bridge: ~6e-5 g)
     * @param bounceRmsGPerTonne RMS modal shaking per tonne of vehicle on the span
     * @param strainBaseMicro    strain at the reference temperature (Munich gauge: about -478 um/m)
     * @param strainPerTonne     peak strain per tonne with the vehicle above the gauge
     * @param strainPerDegC      thermal strain (restrained expansion) per degC above the reference
     * @param meanTempC          daily mean air temperature; {@code tempAmplitudeC} its half swing, warmest 15:00
     */
    public record Settings(
            double spanM,
            double sensorAt,
            List<Mode> modes,
            double vehiclesPerHour,
            double truckShare,
            double ambientRmsG,
            double bounceRmsGPerTonne,
            double strainBaseMicro,
            double strainPerTonne,
            double strainPerDegC,
            double meanTempC,
            double tempAmplitudeC,
            double tiltBaseDeg,
            double tiltDriftDegPerSqrtHour,
            double tiltNoiseDeg,
            double tiltPerTonneDeg,
            ZoneId zone) {

        public Settings {
            modes = List.copyOf(modes);
            if (modes.isEmpty()) throw new IllegalArgumentException("a bridge needs at least one mode");
            if (!(sensorAt > 0 && sensorAt < 1))
                throw new IllegalArgumentException("sensorAt must lie inside the span (0..1)");
        }

        /** A 40 m steel-concrete span with modes at 3.2, 8.9 and 14.1 Hz, 400 vehicles an hour. */
        public static Settings typical() {
            return new Settings(
                    40,
                    0.4,
                    List.of(new Mode(3.2, 0.015, 1.0), new Mode(8.9, 0.02, 0.45), new Mode(14.1, 0.02, 0.3)),
                    400,
                    0.12,
                    6e-5,
                    6e-5,
                    -478,
                    0.3,
                    -0.8,
                    12,
                    6,
                    0.01,
                    0.002,
                    0.0005,
                    0.00008,
                    ZoneId.of("Europe/Berlin"));
        }

        /** Same bridge, its modes at {@code hz} (at the reference temperature), damping and participation kept. */
        public Settings withModeFrequencies(double... hz) {
            if (hz.length != modes.size()) {
                throw new IllegalArgumentException(modes.size() + " modes need " + modes.size() + " frequencies");
            }
            List<Mode> tuned = new ArrayList<>();
            for (int i = 0; i < hz.length; i++) {
                tuned.add(new Mode(hz[i], modes.get(i).damping(), modes.get(i).participation()));
            }
            return new Settings(
                    spanM,
                    sensorAt,
                    tuned,
                    vehiclesPerHour,
                    truckShare,
                    ambientRmsG,
                    bounceRmsGPerTonne,
                    strainBaseMicro,
                    strainPerTonne,
                    strainPerDegC,
                    meanTempC,
                    tempAmplitudeC,
                    tiltBaseDeg,
                    tiltDriftDegPerSqrtHour,
                    tiltNoiseDeg,
                    tiltPerTonneDeg,
                    zone);
        }

        /** Same bridge, no traffic: ambient vibration only (night, closure, the bridge-ambient scenario). */
        public Settings withoutTraffic() {
            return new Settings(
                    spanM,
                    sensorAt,
                    modes,
                    0,
                    truckShare,
                    ambientRmsG,
                    bounceRmsGPerTonne,
                    strainBaseMicro,
                    strainPerTonne,
                    strainPerDegC,
                    meanTempC,
                    tempAmplitudeC,
                    tiltBaseDeg,
                    tiltDriftDegPerSqrtHour,
                    tiltNoiseDeg,
                    tiltPerTonneDeg,
                    zone);
        }
    }

    public static final Duration STEP = Duration.ofMillis(1);
    public static final Duration HISTORY = Duration.ofSeconds(4);
    private static final double DT = 1e-3;
    private static final int RING = (int) (HISTORY.toMillis() + 1);
    /** Steps between retuning the modes to the temperature: a simulated second (the cycle is a day). */
    private static final int RETUNE_STEPS = 1000;

    private record Vehicle(double tonnes, double speed, double enteredAt) {}

    private final Settings settings;
    private final Instant start;
    private final SplittableRandom random;
    private final int n;
    private final BridgeModes modes;
    private final double[] omega;
    /** A stiffness loss still to come per mode: its fraction and the step it begins at (-1: none). */
    private final double[] pendingLoss;

    private final long[] pendingStep;
    private final double[] zeta;
    private final double[] shapeAtSensor;
    private final double[] ambientSigma;
    private final double[] bounceSigma;
    private final double[] q;
    private final double[] qd;
    private final List<Vehicle> onSpan = new ArrayList<>();
    private final double[] accRing = new double[RING];
    private final double[] strainRing = new double[RING];
    private final double[] tiltRing = new double[RING];
    private long step = -1;
    private double tiltDrift;
    private double settlementDeg;
    private double loadTonnesAtGauge;

    public BridgeModel(Settings settings, long seed, Instant start) {
        this.settings = settings;
        this.start = start;
        this.random = new SplittableRandom(seed);
        this.n = settings.modes().size();
        this.modes =
                new BridgeModes(settings.modes().stream().map(Mode::frequencyHz).toList());
        omega = new double[n];
        pendingLoss = new double[n];
        pendingStep = new long[n];
        java.util.Arrays.fill(pendingStep, -1);
        zeta = new double[n];
        shapeAtSensor = new double[n];
        ambientSigma = new double[n];
        bounceSigma = new double[n];
        q = new double[n];
        qd = new double[n];
        for (int i = 0; i < n; i++) {
            Mode m = settings.modes().get(i);
            omega[i] = 2 * Math.PI * modes.frequencyHz(i, airTemperatureC(start));
            zeta[i] = m.damping();
            shapeAtSensor[i] = Math.sin((i + 1) * Math.PI * settings.sensorAt());
            // Stationary RMS acceleration of a lightly damped oscillator under white noise of
            // variance s^2 per step is about s * sqrt(omega * dt / (4 zeta)): invert for s.
            double gain = Math.sqrt(4 * zeta[i] / (omega[i] * DT));
            ambientSigma[i] =
                    settings.ambientRmsG() * m.participation() * gain / Math.max(1e-9, Math.abs(shapeAtSensor[i]));
            bounceSigma[i] = settings.bounceRmsGPerTonne() * m.participation() * gain;
        }
        step(); // state at the start instant
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Damage: mode {@code index} (0 = fundamental) has lost {@code fraction} of its healthy
     * stiffness, from now on (set, not added; its frequency falls by 1 - sqrt(1 - fraction)).
     */
    public synchronized void damage(int index, double fraction) {
        modes.loseStiffness(index, fraction);
        retune(airTemperatureC(start.plusMillis(Math.max(0, step))));
    }

    /**
     * Damage from {@code from} on: mode {@code index} loses {@code fraction} of its healthy stiffness
     * at that simulated instant (at the next retuning, within a simulated second); at once when
     * {@code from} has passed. Replaces a loss still to come for that mode.
     */
    public synchronized void damage(int index, double fraction, Instant from) {
        long at = Math.max(0, Duration.between(start, from).toMillis());
        if (at <= step) {
            pendingStep[index] = -1;
            damage(index, fraction);
        } else {
            if (!(fraction >= 0 && fraction < 1)) { // refused now, not when it is due
                throw new IllegalArgumentException("a stiffness loss lies in [0, 1): " + fraction);
            }
            pendingLoss[index] = fraction;
            pendingStep[index] = at;
        }
    }

    /** Mode {@code index}'s frequency now: temperature and damage applied. */
    public synchronized double modeFrequencyHz(int index) {
        return omega[index] / (2 * Math.PI);
    }

    private void retune(double temperatureC) {
        for (int i = 0; i < n; i++) {
            omega[i] = 2 * Math.PI * modes.frequencyHz(i, temperatureC);
        }
    }

    /** Settlement of the support: tilt steps by {@code deg}, from now on. */
    public synchronized void settle(double deg) {
        settlementDeg += deg;
    }

    /** Frequency of the mode that dominates the acceleration at the sensor, with damage applied. */
    public synchronized double dominantFrequencyHz() {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (settings.modes().get(i).participation()
                    > settings.modes().get(best).participation()) best = i;
        }
        return omega[best] / (2 * Math.PI);
    }

    public synchronized double verticalAccelerationG(Instant t) {
        return accRing[slot(t)];
    }

    public synchronized double strainMicro(Instant t) {
        return strainRing[slot(t)];
    }

    public synchronized double tiltDeg(Instant t) {
        return tiltRing[slot(t)];
    }

    /** Air temperature: daily sine, warmest at 15:00 local time. */
    public double airTemperatureC(Instant t) {
        var local = t.atZone(settings.zone());
        double hour = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
        return settings.meanTempC() + settings.tempAmplitudeC() * Math.sin(2 * Math.PI * (hour - 9) / 24);
    }

    private int slot(Instant t) {
        long target = Math.max(0, Duration.between(start, t).toNanos() / 1_000_000);
        while (step < target) step();
        long oldest = Math.max(0, step - RING + 1);
        return (int) (Math.max(target, oldest) % RING);
    }

    private void step() {
        step++;
        double t = step * DT;
        if (random.nextDouble() < settings.vehiclesPerHour() / 3600.0 * DT) {
            boolean truck = random.nextDouble() < settings.truckShare();
            double tonnes = truck ? 12 + 28 * random.nextDouble() : 1.2 + 0.8 * random.nextDouble();
            onSpan.add(new Vehicle(tonnes, 13 + 12 * random.nextDouble(), t));
        }
        double tonnesOnSpan = 0;
        double influence = 0;
        double[] shaping = new double[n];
        double xs = settings.sensorAt();
        for (Iterator<Vehicle> it = onSpan.iterator(); it.hasNext(); ) {
            Vehicle v = it.next();
            double x = (t - v.enteredAt()) * v.speed() / settings.spanM();
            if (x >= 1) {
                it.remove();
                continue;
            }
            tonnesOnSpan += v.tonnes();
            influence += v.tonnes() * (x <= xs ? x * (1 - xs) : xs * (1 - x)) / (xs * (1 - xs));
            for (int i = 0; i < n; i++) shaping[i] += v.tonnes() * Math.sin((i + 1) * Math.PI * x);
        }
        double acc = 0;
        for (int i = 0; i < n; i++) {
            double force =
                    ambientSigma[i] * random.nextGaussian() + bounceSigma[i] * shaping[i] * random.nextGaussian();
            double response = -2 * zeta[i] * omega[i] * qd[i] - omega[i] * omega[i] * q[i];
            qd[i] += (response + force) * DT;
            q[i] += qd[i] * DT;
            acc += shapeAtSensor[i] * response;
        }
        Instant now = start.plusMillis(step);
        double temp = airTemperatureC(now);
        if (step % RETUNE_STEPS == 0) {
            for (int i = 0; i < n; i++) {
                if (pendingStep[i] >= 0 && step >= pendingStep[i]) {
                    modes.loseStiffness(i, pendingLoss[i]);
                    pendingStep[i] = -1;
                }
            }
            retune(temp);
        }
        double strain = settings.strainBaseMicro()
                + settings.strainPerDegC() * (temp - settings.meanTempC())
                + settings.strainPerTonne() * influence
                + 0.3 * random.nextGaussian();
        tiltDrift += settings.tiltDriftDegPerSqrtHour() * Math.sqrt(DT / 3600.0) * random.nextGaussian();
        double tilt = settings.tiltBaseDeg()
                + tiltDrift
                + settlementDeg
                + settings.tiltPerTonneDeg() * tonnesOnSpan
                + settings.tiltNoiseDeg() * random.nextGaussian();
        loadTonnesAtGauge = influence;
        int s = (int) (step % RING);
        accRing[s] = acc;
        strainRing[s] = strain;
        tiltRing[s] = tilt;
    }

    /** Accelerometer on the deck, z up: gravity plus the vertical vibration; the tilt tips gravity into x. */
    public AccelerationSignal accelerometer() {
        return (t, xyz) -> {
            double tilt = Math.toRadians(tiltDeg(t));
            xyz[0] = Math.sin(tilt);
            xyz[1] = 0;
            xyz[2] = Math.cos(tilt) + verticalAccelerationG(t);
        };
    }

    /** Inclinometer at the support: the bridge tilt about x; z near vertical. */
    public InclinationSignal inclinometer() {
        return (t, a) -> {
            a[0] = tiltDeg(t);
            a[1] = 0;
            a[2] = 90 - Math.abs(a[0]);
        };
    }

    /** Quarter-bridge output for the modelled strain: Vout = strain * GF * Vexc / 4. */
    public VoltageSignal strainGauge(double gaugeFactor, double excitationVolts) {
        return t -> strainMicro(t) * 1e-6 * gaugeFactor * excitationVolts / 4.0;
    }

    /** Outdoor air at the bridge (for an SHT4x or BME280 in the gateway box). */
    public EnvironmentSignal environment() {
        return new EnvironmentSignal() {
            @Override
            public double co2Ppm(Instant t) {
                return 420;
            }

            @Override
            public double temperatureC(Instant t) {
                return airTemperatureC(t);
            }

            @Override
            public double relativeHumidityPercent(Instant t) {
                return Math.max(30, Math.min(95, 75 - 2.5 * (airTemperatureC(t) - settings.meanTempC())));
            }

            @Override
            public double pressureHpa(Instant t) {
                return 1008;
            }
        };
    }
}
