package de.dos2030.iot.edge.pipeline.filter;

/**
 * The latest filtered temperature of one sensor, written by that sensor's temperature channel and
 * read by the strain channels it compensates. Not thread-safe; the pipeline serialises calls.
 */
public final class LatestTemperature {

    private boolean known;
    private long nanos;
    private double degC;

    public void update(long nanos, double degC) {
        this.known = true;
        this.nanos = nanos;
        this.degC = degC;
    }

    /** True when a temperature was taken within {@code maxAgeNanos} of {@code atNanos} (either side). */
    public boolean freshAt(long atNanos, long maxAgeNanos) {
        return known && Math.abs(atNanos - nanos) <= maxAgeNanos;
    }

    public double degC() {
        return degC;
    }
}
