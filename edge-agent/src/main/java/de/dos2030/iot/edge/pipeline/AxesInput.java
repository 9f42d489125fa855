package de.dos2030.iot.edge.pipeline;

import de.dos2030.iot.model.Quality;

/**
 * The allocation-free way to hand the pipeline all three axes of an accelerometer reading taken
 * at one instant (a FIFO set of an ADXL345/ADXL355), for tilt where no inclinometer is fitted
 * (the sensor's {@code tilt:} key). A {@code Sample} carries one axis, so per-axis samples cannot
 * be paired reliably; a driver that has the triple calls this. Thread-safe like {@link Pipeline#sample}.
 */
public interface AxesInput {

    /**
     * @param epochNanos when the set was measured, nanoseconds since the epoch
     * @param x          acceleration along the chip's x axis (any unit, the same for all three)
     */
    void accept(long epochNanos, double x, double y, double z, Quality quality);
}
