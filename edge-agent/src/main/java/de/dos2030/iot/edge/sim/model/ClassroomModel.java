package de.dos2030.iot.edge.sim.model;

import de.dos2030.iot.edge.sim.EnvironmentSignal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;

/**
 * A classroom's air in 10 s steps: CO2 mass balance (pupils breathing out against air exchange
 * with outdoors), sensible heat (pupils, heating towards a set point, losses through open
 * windows) with the room's thermal mass, and a water-vapour balance giving relative humidity.
 * Occupancy follows a {@link SchoolTimetable}; the {@link Airing} policy decides when windows open.
 *
 * <p>With 26 people breathing ~18 L/h CO2 each in 189 m3, an unaired room gains about
 * 1800 ppm per lesson and passes 2000 ppm in the second lesson; UBA airing (every break and
 * 5 minutes every 20 minutes) keeps it mostly under 1500 ppm.
 *
 * <p>Deterministic for a seed. Queries between steps interpolate linearly; queries up to
 * {@link #HISTORY} back are answered from a ring, older ones clamped. Thread-safe.
 */
public final class ClassroomModel implements EnvironmentSignal {

    /** When windows are opened wide. */
    public enum Airing {
        /** UBA guidance: wide open in every break and change, and 5 minutes every 20 minutes of a lesson. */
        UBA,
        /** Nobody opens a window (infiltration only). */
        NEVER
    }

    /**
     * @param pupils            pupils present in a full lesson (a teacher is added)
     * @param roomVolumeM3      room volume
     * @param co2PerPersonLph   CO2 exhaled per person, L/h (pupils aged 10-14: ~18 L/h)
     * @param closedAirChanges  air changes per hour with windows shut (infiltration)
     * @param openAirChanges    air changes per hour with windows wide open
     */
    public record Settings(
            int pupils,
            double roomVolumeM3,
            double co2PerPersonLph,
            double closedAirChanges,
            double openAirChanges,
            double outdoorCo2Ppm,
            double outdoorMeanC,
            double outdoorSwingC,
            double heatingSetPointC,
            double heatingMaxW,
            double roomHeatCapacityJPerK,
            double moisturePerPersonGph,
            double outdoorRhPercent,
            SchoolTimetable timetable,
            Airing airing,
            ZoneId zone) {

        public static Settings typical(Airing airing) {
            return new Settings(
                    25,
                    189,
                    18,
                    0.3,
                    15,
                    420,
                    6,
                    4,
                    21,
                    4000,
                    2.5e6,
                    45,
                    80,
                    SchoolTimetable.german(),
                    airing,
                    ZoneId.of("Europe/Berlin"));
        }

        /** The same room, nobody in it (holidays): CO2 stays at outdoor level. */
        public Settings empty() {
            return new Settings(
                    0,
                    roomVolumeM3,
                    co2PerPersonLph,
                    closedAirChanges,
                    openAirChanges,
                    outdoorCo2Ppm,
                    outdoorMeanC,
                    outdoorSwingC,
                    heatingSetPointC,
                    heatingMaxW,
                    roomHeatCapacityJPerK,
                    moisturePerPersonGph,
                    outdoorRhPercent,
                    timetable,
                    airing,
                    zone);
        }
    }

    public static final Duration STEP = Duration.ofSeconds(10);
    public static final Duration HISTORY = Duration.ofHours(2);
    private static final double DT = STEP.toSeconds();
    private static final int RING = (int) (HISTORY.toSeconds() / STEP.toSeconds()) + 2;

    private final Settings settings;
    private final Instant start;
    private final SplittableRandom random;
    private final double[] co2 = new double[RING];
    private final double[] temp = new double[RING];
    private final double[] rh = new double[RING];
    private final double[] occupants = new double[RING];
    private long step = -1;
    private double c;
    private double t;
    private double x;
    private int lessonKey = Integer.MIN_VALUE;
    private int present;

    public ClassroomModel(Settings settings, long seed, Instant start) {
        this.settings = settings;
        this.start = start;
        this.random = new SplittableRandom(seed);
        this.c = settings.outdoorCo2Ppm() + 30;
        this.t = settings.heatingSetPointC() - 1.5;
        this.x = saturation(outdoorC(start)) * settings.outdoorRhPercent() / 100 + 1.0;
        advance();
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public synchronized double co2Ppm(Instant at) {
        return value(co2, at);
    }

    @Override
    public synchronized double temperatureC(Instant at) {
        return value(temp, at);
    }

    @Override
    public synchronized double relativeHumidityPercent(Instant at) {
        return value(rh, at);
    }

    /** Weather-scale pressure: a slow 3-day swing of +-8 hPa around 1013. */
    @Override
    public double pressureHpa(Instant at) {
        double days = Duration.between(start, at).toSeconds() / 86400.0;
        return 1013 + 8 * Math.sin(2 * Math.PI * days / 3.0);
    }

    /** People in the room at {@code at}. */
    public synchronized double occupants(Instant at) {
        return value(occupants, at);
    }

    /** Whether the windows are open at {@code at} under this room's airing policy. */
    public boolean windowsOpen(Instant at) {
        ZonedDateTime local = at.atZone(settings.zone());
        if (settings.airing() == Airing.NEVER) return false;
        SchoolTimetable tt = settings.timetable();
        if (tt.isBreak(local) || tt.isChange(local)) return true;
        int lesson = tt.lessonAt(local);
        if (lesson < 0) return false;
        long minute = Duration.between(tt.lessons().get(lesson).start(), local.toLocalTime())
                .toMinutes();
        return minute >= 20 && minute < 25 || minute >= 40;
    }

    private double value(double[] ring, Instant at) {
        double steps = Math.max(0, Duration.between(start, at).toMillis() / 1000.0 / DT);
        long lower = (long) Math.floor(steps);
        while (step < lower + 1) advance();
        long oldest = Math.max(0, step - RING + 1);
        if (lower < oldest) return ring[(int) (oldest % RING)];
        double f = steps - lower;
        return ring[(int) (lower % RING)] * (1 - f) + ring[(int) ((lower + 1) % RING)] * f;
    }

    private double outdoorC(Instant at) {
        var local = at.atZone(settings.zone());
        double hour = local.getHour() + local.getMinute() / 60.0;
        return settings.outdoorMeanC() + settings.outdoorSwingC() * Math.sin(2 * Math.PI * (hour - 9) / 24);
    }

    /** Saturation water-vapour density in g/m3 (Magnus formula, ideal gas). */
    static double saturation(double celsius) {
        double pa = 611.2 * Math.exp(17.62 * celsius / (243.12 + celsius));
        return pa / (461.5 * (celsius + 273.15)) * 1000;
    }

    private void advance() {
        step++;
        Instant now = start.plus(STEP.multipliedBy(step));
        ZonedDateTime local = now.atZone(settings.zone());
        SchoolTimetable tt = settings.timetable();
        int lesson = tt.lessonAt(local);
        double people;
        if (lesson >= 0) {
            int key = local.getDayOfYear() * 16 + lesson;
            if (key != lessonKey) { // absences differ from lesson to lesson
                lessonKey = key;
                present = settings.pupils() == 0 ? 0 : Math.max(0, settings.pupils() - random.nextInt(4)) + 1;
            }
            people = present;
        } else if (tt.isChange(local)) {
            people = 0.8 * present;
        } else {
            people = 0;
        }
        double ach = (windowsOpen(now) ? settings.openAirChanges() : settings.closedAirChanges())
                * (1 + 0.1 * random.nextGaussian());
        double exchange = Math.max(0, ach) / 3600.0 * DT; // fraction of room air replaced in this step
        double v = settings.roomVolumeM3();
        double generation = people * settings.co2PerPersonLph() / 1000.0 / 3600.0 * DT / v * 1e6;
        c = c + generation - (c - settings.outdoorCo2Ppm()) * (1 - Math.exp(-exchange * 1.0));
        double tOut = outdoorC(now);
        double heating = Math.max(0, Math.min(settings.heatingMaxW(), (settings.heatingSetPointC() - t) * 2000));
        double ventilationLoss = 1200 * v * Math.max(0, ach) / 3600.0 * (t - tOut);
        double fabricLoss = 60 * (t - tOut);
        t += (people * 75 + heating - ventilationLoss - fabricLoss) * DT / settings.roomHeatCapacityJPerK();
        double xOut = saturation(tOut) * settings.outdoorRhPercent() / 100;
        x = x + people * settings.moisturePerPersonGph() / 3600.0 * DT / v - (x - xOut) * (1 - Math.exp(-exchange));
        int s = (int) (step % RING);
        co2[s] = c;
        temp[s] = t;
        rh[s] = Math.max(0, Math.min(100, 100 * x / saturation(t)));
        occupants[s] = people;
    }
}
