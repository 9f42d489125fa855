package de.dos2030.iot.collector.sta;

/**
 * How an Observation's numeric id holds its Datastream and time: the Datastream's 20-bit id above the
 * reading's epoch milliseconds in 43 bits (until the year 2248). So an Observation needs no stored id
 * and {@code Observations(id)} reads one point.
 */
final class Ids {
    static final int DATASTREAM_BITS = 20;
    static final int TIME_BITS = 43;
    private static final long TIME_MASK = (1L << TIME_BITS) - 1;

    private Ids() {}

    static long observation(long datastreamId, long epochMillis) {
        return (datastreamId << TIME_BITS) | (epochMillis & TIME_MASK);
    }

    static long datastreamOf(long observationId) {
        return observationId >>> TIME_BITS;
    }

    static long millisOf(long observationId) {
        return observationId & TIME_MASK;
    }
}
