package de.dos2030.iot.collector.api;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Instants in request parameters ({@code from}, {@code to}): ISO-8601, and within the years every
 * store can hold (InfluxDB's nanoseconds end in 2262; year 0 or 999999 made queries fail with 5xx:
 * issue 15, finding 5). A time outside cannot have been stored, so it is the caller's mistake.
 */
public final class TimeParameter {
    /** The earliest instant a request may name. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    /** The latest instant a request may name. */
    public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private TimeParameter() {}

    /**
     * The instant {@code text} names, or null for none.
     *
     * @throws BadRequestException naming {@code parameter}, when it is not an ISO-8601 instant or out of range
     */
    @Nullable
    public static Instant parse(String parameter, @Nullable String text) {
        if (text == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(parameter + " " + ErrorAnswer.quoted(text)
                    + " is not an ISO-8601 instant such as 2025-03-01T00:00:00Z");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new BadRequestException(parameter + " " + ErrorAnswer.quoted(text) + " is out of range: from "
                    + EARLIEST + " to " + LATEST);
        }
        return instant;
    }

    /**
     * Refuses a range that is empty or backwards.
     *
     * @throws BadRequestException naming {@code fromName}, unless {@code from} is before {@code to}
     */
    public static void requireOrder(String fromName, Instant from, String toName, Instant to) {
        if (!from.isBefore(to)) {
            throw new BadRequestException(fromName + " (" + from + ") must be before " + toName + " (" + to + ")");
        }
    }
}
