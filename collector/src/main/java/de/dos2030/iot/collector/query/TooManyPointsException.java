package de.dos2030.iot.collector.query;

/** The answer would hold more points than {@code collector.query.max-points} (HTTP 422). */
public class TooManyPointsException extends BadQueryException {
    public TooManyPointsException(long points, int limit) {
        super("the answer would hold " + (points > limit ? "at least " + points : "more than " + limit)
                + " points, over the limit of " + limit
                + " points per answer: choose a larger window or a shorter time range");
    }
}
