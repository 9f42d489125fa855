package de.dos2030.iot.edge.sample;

import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import java.time.Instant;
import java.util.Objects;

/**
 * One value a driver read, in physical units, stamped with the gateway clock when the chip
 * measured it (for FIFO reads: reconstructed from the output data rate).
 *
 * @param sensorId  the configured sensor id, e.g. {@code room-1.co2}
 * @param quantity  what was measured
 * @param timestamp when it was measured
 * @param value     the value in {@link Quantity#unit()}
 * @param quality   how far it can be trusted
 */
public record Sample(String sensorId, Quantity quantity, Instant timestamp, double value, Quality quality) {

    public Sample {
        Objects.requireNonNull(sensorId, "sensorId");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(quality, "quality");
    }

    public static Sample ok(String sensorId, Quantity quantity, Instant timestamp, double value) {
        return new Sample(sensorId, quantity, timestamp, value, Quality.OK);
    }

    /**
     * A sample flagged {@link Quality#OUT_OF_RANGE} when the value lies outside what the quantity
     * can plausibly be (see {@link Quantity#isPlausible(double)}), otherwise with {@code quality}.
     */
    public static Sample checked(String sensorId, Quantity quantity, Instant timestamp, double value, Quality quality) {
        Quality q = quantity.isPlausible(value) ? quality : Quality.OUT_OF_RANGE;
        return new Sample(sensorId, quantity, timestamp, value, q);
    }

    /** The same sample as a shared-model reading for the pipeline and the wire. */
    public Reading toReading() {
        return new Reading(sensorId, quantity, de.dos2030.iot.model.Statistic.SAMPLE, timestamp, value, quality);
    }
}
