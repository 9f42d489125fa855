package de.dos2030.iot.edge.pipeline.feature;

import de.dos2030.iot.edge.pipeline.filter.SampleStage;
import de.dos2030.iot.model.Quality;

/**
 * Tilt from a 3-axis accelerometer (where no inclinometer is fitted): per sample
 * {@code pitch = atan2(ax, sqrt(ay^2 + az^2))} and {@code roll = atan2(ay, sqrt(ax^2 + az^2))} in
 * degrees, each low-passed by an exponential moving average with time constant {@code tau}
 * ({@code alpha = 1 - exp(-dt / tau)}) so vibration averages out and the static angle remains,
 * then reported once per {@code interval} (at the first sample at or after each multiple of the
 * interval since the epoch) to the pitch and roll stages. Only the direction of gravity counts:
 * the axes' units and scale do not matter. Unusable triples are skipped. Nothing is allocated.
 * Not thread-safe.
 */
public final class TiltEstimator {

    private final double tauNanos;
    private final long intervalNanos;
    private final SampleStage pitchOut;
    private final SampleStage rollOut;
    private boolean primed;
    private long lastNanos;
    private double pitch;
    private double roll;
    private long nextReport;
    private boolean suspect;

    public TiltEstimator(long tauNanos, long intervalNanos, SampleStage pitchOut, SampleStage rollOut) {
        if (tauNanos <= 0 || intervalNanos <= 0) {
            throw new IllegalArgumentException("tau and interval must be positive");
        }
        this.tauNanos = tauNanos;
        this.intervalNanos = intervalNanos;
        this.pitchOut = pitchOut;
        this.rollOut = rollOut;
    }

    /** One simultaneous reading of the three axes. */
    public void accept(long nanos, double x, double y, double z, Quality quality) {
        if (!SampleStage.usable(quality)
                || !(Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(z))
                || x == 0 && y == 0 && z == 0) {
            return;
        }
        double p = Math.toDegrees(Math.atan2(x, Math.sqrt(y * y + z * z)));
        double r = Math.toDegrees(Math.atan2(y, Math.sqrt(x * x + z * z)));
        if (!primed) {
            primed = true;
            pitch = p;
            roll = r;
            nextReport = Math.floorDiv(nanos, intervalNanos) * intervalNanos;
        } else if (nanos > lastNanos) {
            double alpha = 1.0 - Math.exp(-(nanos - lastNanos) / tauNanos);
            pitch += alpha * (p - pitch);
            roll += alpha * (r - roll);
        }
        lastNanos = Math.max(lastNanos, nanos);
        suspect |= quality == Quality.SUSPECT;
        if (nanos >= nextReport) {
            Quality q = suspect ? Quality.SUSPECT : Quality.OK;
            pitchOut.accept(nanos, pitch, q);
            rollOut.accept(nanos, roll, q);
            suspect = false;
            nextReport = (Math.floorDiv(nanos, intervalNanos) + 1) * intervalNanos;
        }
    }
}
