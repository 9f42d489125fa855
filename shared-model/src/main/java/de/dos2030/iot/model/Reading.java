package de.dos2030.iot.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One value of one quantity from one sensor, stamped by the gateway clock.
 *
 * <p>Time is held at millisecond resolution (the constructor truncates), which is what both
 * codecs carry and what InfluxDB stores. Fields are not checked here: a decoder must be able to
 * build a bad reading so that the {@link de.dos2030.iot.model.validation.Validator} can say
 * exactly what is wrong with it.
 *
 * @param sensorId  the sensor's id within its gateway, e.g. {@code room-1.co2}
 * @param quantity  what was measured
 * @param statistic a single sample or a window statistic
 * @param time      when it was measured (end of the window for statistics)
 * @param value     the value in the quantity's unit
 * @param quality   how far it can be trusted
 */
public record Reading(
        String sensorId, Quantity quantity, Statistic statistic, Instant time, double value, Quality quality) {

    public Reading {
        // Decoded times are whole milliseconds already: skip truncatedTo's arithmetic and copy (an ingest profile
        // item).
        if (time != null && time.getNano() % 1_000_000 != 0) {
            time = time.truncatedTo(ChronoUnit.MILLIS);
        }
    }

    /** A plain sample of good quality. */
    public static Reading sample(String sensorId, Quantity quantity, Instant time, double value) {
        return new Reading(sensorId, quantity, Statistic.SAMPLE, time, value, Quality.OK);
    }

    /** Same sensor, quantity and statistic: the readings belong to one time series. */
    public boolean sameSeries(Reading other) {
        return java.util.Objects.equals(sensorId, other.sensorId)
                && quantity == other.quantity
                && statistic == other.statistic;
    }
}
