package de.dos2030.iot.collector.query;

import de.dos2030.iot.collector.api.BadRequestException;

/**
 * The answer would hold more points than {@code collector.query.max-points}: the caller's to fix
 * with a larger window or a shorter range (HTTP 422, {@link TooManyPointsHandler}).
 */
public class TooManyPointsException extends BadRequestException {
    public TooManyPointsException(long points, int limit) {
        super("the answer would hold " + (points > limit ? "at least " + points : "more than " + limit)
                + " points, over the limit of " + limit
                + " points per answer: choose a larger window or a shorter time range");
    }
}
