package de.dos2030.iot.model;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;

/**
 * The raw samples of one sensor around the moment an alarm raised: the configured seconds before
 * the trigger sample and after it, at the sensor's sample rate, linked to the alert by its id.
 *
 * <p>Sample {@code i} was taken at {@code firstSampleTime + i / sampleRateHz} (the gateway's nominal
 * rate; the driver's jitter is not carried). A sample the filter chain marked unusable is
 * {@code NaN}: the position keeps the timing, the value is absent (JSON {@code null}).
 * Values are single precision: a float has 24 bits of mantissa, finer than any of our
 * accelerometers (ADXL355: 20 bits) or strain ADCs (16 bits).
 *
 * <p>Like {@link Reading}, fields are not checked here, so that a decoder can build a bad capture
 * and the {@link de.dos2030.iot.model.validation.Validator} can name what is wrong. The values are
 * copied in and out; equality compares them element by element.
 *
 * @param alertId         the alert whose raise triggered the capture
 * @param sensorId        the sensor whose samples these are
 * @param quantity        what was sampled: acceleration or strain
 * @param firstSampleTime when the first value was sampled, millisecond resolution
 * @param sampleRateHz    samples per second
 * @param triggerTime     when the alert raised (the trigger sample), millisecond resolution
 * @param values          the samples in the quantity's unit, oldest first
 */
public record RawCapture(
        String alertId,
        String sensorId,
        Quantity quantity,
        Instant firstSampleTime,
        double sampleRateHz,
        Instant triggerTime,
        float[] values) {

    /** The quantities a gateway captures raw around an alarm. */
    public static final java.util.Set<Quantity> QUANTITIES =
            java.util.Collections.unmodifiableSet(java.util.EnumSet.of(Quantity.ACCELERATION, Quantity.STRAIN));

    public RawCapture {
        firstSampleTime = firstSampleTime == null ? null : firstSampleTime.truncatedTo(ChronoUnit.MILLIS);
        triggerTime = triggerTime == null ? null : triggerTime.truncatedTo(ChronoUnit.MILLIS);
        values = values == null ? new float[0] : values.clone();
    }

    /** A copy of the samples. */
    @Override
    public float[] values() {
        return values.clone();
    }

    /** How many samples. */
    public int size() {
        return values.length;
    }

    /** Sample {@code i}, {@code NaN} when it was unusable. */
    public float value(int i) {
        return values[i];
    }

    /** When sample {@code i} was taken, by the nominal rate. */
    public Instant sampleTime(int i) {
        return firstSampleTime.plusNanos(Math.round(i * 1e9 / sampleRateHz));
    }

    /** How much of the capture lies before the trigger (negative if the first sample is after it). */
    public Duration before() {
        return Duration.between(firstSampleTime, triggerTime);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawCapture c
                && Objects.equals(alertId, c.alertId)
                && Objects.equals(sensorId, c.sensorId)
                && quantity == c.quantity
                && Objects.equals(firstSampleTime, c.firstSampleTime)
                && Double.compare(sampleRateHz, c.sampleRateHz) == 0
                && Objects.equals(triggerTime, c.triggerTime)
                && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(alertId, sensorId, quantity, firstSampleTime, sampleRateHz, triggerTime)
                + 31 * Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "RawCapture[alertId=" + alertId + ", sensorId=" + sensorId + ", quantity=" + quantity
                + ", firstSampleTime=" + firstSampleTime + ", sampleRateHz=" + sampleRateHz + ", triggerTime="
                + triggerTime + ", values=" + values.length + " samples]";
    }
}
