package de.dos2030.iot.config.model;

import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.RawCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Raw capture around alarms ({@code capture: {before: 30s, after: 10s}} on an accelerometer or a
 * strain gauge): the gateway keeps the last {@code before + after} of the sensor's samples in a
 * fixed ring, and when a vibration, strain or tilt alarm raises it sends the {@code before}
 * seconds up to the trigger and the {@code after} seconds following it as one raw capture.
 *
 * <p>Bounded so that the ring stays small on a Pi and a capture fits a batch: {@code before} at
 * most {@link #MAX_BEFORE}, {@code after} at most {@link #MAX_AFTER}, and the ring at most
 * {@link Validator#MAX_CAPTURE_VALUES} samples at the sensor's rate.
 */
public record CaptureConfig(Duration before, Duration after) {
    /**
     * Largest ring: 240 000 samples are 960 kB as CBOR floats, within the collector's default payload
     * limit of 1 MiB on every door (HTTP, MQTT, CoAP block-wise), below the wire's decode bound.
     */
    public static final int MAX_RING_SAMPLES = 240_000;

    public static final Duration MAX_BEFORE = Duration.ofSeconds(120);
    public static final Duration MAX_AFTER = Duration.ofSeconds(60);

    public CaptureConfig {
        List<Violation> out = new ArrayList<>();
        if (before == null || before.isNegative() || before.isZero() || before.compareTo(MAX_BEFORE) > 0) {
            out.add(Violation.of(
                    "before",
                    "must be longer than 0 and at most " + DurationText.format(MAX_BEFORE),
                    "more than 0s, up to " + DurationText.format(MAX_BEFORE)));
        }
        if (after == null || after.isNegative() || after.compareTo(MAX_AFTER) > 0) {
            out.add(Violation.of(
                    "after",
                    "must be 0 or longer and at most " + DurationText.format(MAX_AFTER),
                    "0s to " + DurationText.format(MAX_AFTER)));
        }
        Violation.throwIfAny("capture", out);
    }

    /** Samples the ring holds at {@code hertz}: (before + after) x rate, rounded up. */
    public int ringSamples(double hertz) {
        return (int) Math.ceil(before.plus(after).toNanos() * hertz / 1e9);
    }

    /** Samples of the {@code before} part at {@code hertz}, rounded up. */
    public int beforeSamples(double hertz) {
        return (int) Math.ceil(before.toNanos() * hertz / 1e9);
    }

    /**
     * What the sensor must be for a capture: a chip whose primary quantity is acceleration or
     * strain, at a rate that keeps the ring within the wire's bound. Paths relative to the sensor.
     */
    public static List<Violation> violations(Driver driver, Sampling sampling, CaptureConfig capture) {
        List<Violation> out = new ArrayList<>();
        if (driver == null || capture == null) {
            return out;
        }
        Quantity primary = driver.primaryQuantity();
        if (!RawCapture.QUANTITIES.contains(primary)) {
            out.add(Violation.of(
                    "capture",
                    "captures raw acceleration or strain, and the " + driver.chipName() + " measures "
                            + primary.wireName(),
                    "accelerometers and strain gauges"));
        } else if (sampling != null && capture.ringSamples(sampling.hertz()) > MAX_RING_SAMPLES) {
            out.add(Violation.of(
                    "capture",
                    "holds " + capture.ringSamples(sampling.hertz()) + " samples at " + hz(sampling.hertz())
                            + " Hz, more than the " + MAX_RING_SAMPLES
                            + " that fit the collector's 1 MiB payload limit",
                    "a shorter before/after or a lower sample rate"));
        }
        return out;
    }

    private static String hz(double hertz) {
        return hertz == Math.rint(hertz) ? Long.toString((long) hertz) : Double.toString(hertz);
    }
}
