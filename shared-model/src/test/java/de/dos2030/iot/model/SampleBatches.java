package de.dos2030.iot.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic batches for tests and benchmarks: values move the way real sensors move, at the
 * resolution the real chips report.
 */
public final class SampleBatches {
    public static final Instant START = Instant.parse("2026-11-27T08:00:00Z");

    private SampleBatches() {}

    /** A classroom's SCD41: CO2, temperature and humidity every 10 s for the given span. */
    public static Batch school(Duration span, long seed) {
        Random random = new Random(seed);
        List<Reading> readings = new ArrayList<>();
        double co2 = 650, temperature = 21.0, humidity = 42.0;
        for (Instant t = START; t.isBefore(START.plus(span)); t = t.plusSeconds(10)) {
            co2 = Math.max(400, co2 + 2.5 + random.nextGaussian() * 6);
            temperature += 0.002 + random.nextGaussian() * 0.01;
            humidity += 0.004 + random.nextGaussian() * 0.03;
            // SCD41: CO2 in whole ppm; T and RH as 16-bit raw words.
            readings.add(Reading.sample("room-1.co2", Quantity.CO2, t, Math.round(co2)));
            readings.add(Reading.sample("room-1.co2", Quantity.TEMPERATURE, t, sensirionTemperature(temperature)));
            readings.add(Reading.sample("room-1.co2", Quantity.RELATIVE_HUMIDITY, t, sensirionHumidity(humidity)));
        }
        return batch("school-gw-1", "school-42", readings);
    }

    /** A bridge gateway's window features every 10 s: vibration RMS, peak, crest, dominant frequency, tilt and strain means. */
    public static Batch bridge(Duration span, long seed) {
        Random random = new Random(seed);
        List<Reading> readings = new ArrayList<>();
        for (Instant t = START; t.isBefore(START.plus(span)); t = t.plusSeconds(10)) {
            boolean truck = random.nextDouble() < 0.15;
            double rms = (truck ? 4e-4 : 6e-5) * (1 + 0.2 * random.nextGaussian());
            double peak = rms * (3 + random.nextDouble());
            readings.add(mean("span-1.acc", Quantity.VIBRATION_RMS, t, Math.abs(rms)));
            readings.add(mean("span-1.acc", Quantity.VIBRATION_PEAK, t, Math.abs(peak)));
            readings.add(mean("span-1.acc", Quantity.CREST_FACTOR, t, Math.abs(peak / rms)));
            readings.add(mean("span-1.acc", Quantity.DOMINANT_FREQUENCY, t, 4.21 + random.nextGaussian() * 0.03));
            readings.add(new Reading(
                    "span-1.tilt",
                    Quantity.TILT,
                    Statistic.MEAN,
                    t,
                    0.012 + random.nextGaussian() * 0.002,
                    Quality.OK));
            readings.add(new Reading(
                    "span-1.strain", Quantity.STRAIN, Statistic.MEAN, t, -478 + random.nextGaussian() * 3, Quality.OK));
        }
        return batch("bridge-gw-1", "bridge-7", readings);
    }

    private static Reading mean(String sensor, Quantity quantity, Instant t, double value) {
        return new Reading(sensor, quantity, Statistic.SAMPLE, t, value, Quality.OK);
    }

    private static Batch batch(String gateway, String site, List<Reading> readings) {
        return new Batch(
                Batch.FORMAT_VERSION,
                gateway,
                site,
                "3f2c9a1e-boot",
                17,
                readings.get(readings.size() - 1).time(),
                ClockSync.SYNCED,
                readings,
                List.of(),
                null);
    }

    private static double sensirionTemperature(double celsius) {
        long raw = Math.round((celsius + 45) * 65535 / 175);
        return -45 + 175.0 * raw / 65535;
    }

    private static double sensirionHumidity(double percent) {
        long raw = Math.round(percent * 65535 / 100);
        return 100.0 * raw / 65535;
    }
}
