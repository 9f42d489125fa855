package de.dos2030.iot.edge.pipeline.feature;

/**
 * Hann window coefficients {@code 0.5 - 0.5 cos(2 pi i / N)} (periodic form, the one for spectral
 * analysis), computed once per FFT size.
 */
public final class HannWindow {

    private final double[] w;

    public HannWindow(int n) {
        w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
        }
    }

    public int size() {
        return w.length;
    }

    /** Multiplies {@code data[0 .. N)} in place (N = this window's size; the rest of {@code data} is left alone). */
    public void apply(double[] data) {
        for (int i = 0; i < w.length; i++) {
            data[i] *= w[i];
        }
    }
}
