package de.dos2030.iot.edge.pipeline;

import de.dos2030.iot.config.model.FeatureWindow;
import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.edge.pipeline.capture.CaptureRing;
import de.dos2030.iot.edge.pipeline.feature.FeatureSink;
import de.dos2030.iot.edge.pipeline.feature.SpectrumAnalyzer;
import de.dos2030.iot.edge.pipeline.feature.WindowProcessor;
import de.dos2030.iot.edge.pipeline.filter.FilterChain;
import de.dos2030.iot.edge.pipeline.filter.LatestTemperature;
import de.dos2030.iot.edge.pipeline.filter.SampleStage;
import de.dos2030.iot.edge.pipeline.time.EpochNanos;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;
import java.util.List;

/**
 * One sensor's one quantity: filter chain -> (raw reading upstream) -> window features -> rules.
 * The filter chain's tail is this object; feature windows report back to it. Runs under the
 * pipeline's lock.
 */
final class QuantityChannel implements SampleStage, FeatureSink {

    private final SensorNode node;
    private final Quantity quantity;
    private final PipelineOutput output;
    private final SampleStage head;
    private final WindowProcessor[] windows;
    private final SpectrumListener spectrumListener;
    private final LatestTemperature publishes;
    private CaptureRing capture;

    /**
     * @param publishes    where this (temperature) channel leaves its filtered value for strain
     *                     compensation; null when no gauge uses it
     * @param compensation the temperature compensating this (strain) channel; null for none
     * @param sampleRateHz how often samples arrive here: the sensor's rate, or a derived tilt's interval
     */
    QuantityChannel(
            SensorNode node,
            SensorConfig config,
            Quantity quantity,
            double sampleRateHz,
            PipelineOutput output,
            SpectrumListener spectrumListener,
            LatestTemperature publishes,
            LatestTemperature compensation,
            long compensationMaxAgeNanos) {
        this.node = node;
        this.quantity = quantity;
        this.output = output;
        this.spectrumListener = spectrumListener;
        this.publishes = publishes;
        boolean primary = config.driver().primaryQuantity() == quantity;
        this.head = FilterChain.build(
                quantity, primary, config.calibration(), config.filters(), compensation, compensationMaxAgeNanos, this);
        boolean vibration = quantity == Quantity.ACCELERATION && config.driver().measuresVibration();
        // Every quantity of a sensor with feature windows gets them (the SCD41's temperature and
        // humidity as well as its CO2): with features on, raw samples only flow during an alarm.
        List<FeatureWindow> fw = config.features();
        int lag = FilterChain.lagSamples(quantity, config.filters());
        this.windows = new WindowProcessor[fw.size()];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = new WindowProcessor(
                    quantity,
                    fw.get(i),
                    sampleRateHz,
                    lag,
                    vibration,
                    vibration ? config.modes().orElse(null) : null,
                    this);
        }
    }

    /** Keeps this channel's filtered samples in a pre-trigger ring for raw captures. */
    void capture(CaptureRing ring) {
        this.capture = ring;
    }

    void input(long nanos, double value, Quality quality) {
        head.accept(nanos, value, quality);
    }

    /** The tail of the filter chain. */
    @Override
    public void accept(long nanos, double value, Quality quality) {
        if (node.sendsRaw()) {
            output.reading(new Reading(
                    node.sensorId(), quantity, Statistic.SAMPLE, EpochNanos.toInstant(nanos), value, quality));
        }
        if (capture != null) { // before the rules, so a raise by this very sample has it as its trigger sample
            capture.add(nanos, SampleStage.usable(quality) ? (float) value : Float.NaN);
        }
        if (!SampleStage.usable(quality)) {
            node.rejected();
            return;
        }
        if (publishes != null) {
            publishes.update(nanos, value);
        }
        for (WindowProcessor w : windows) {
            w.accept(nanos, value, quality);
        }
        node.rules().accept(quantity, nanos, value);
    }

    @Override
    public void feature(
            Quantity q, Statistic statistic, long startNanos, long endNanos, double value, Quality quality) {
        if (node.sendsFeatures()) {
            output.reading(new Reading(node.sensorId(), q, statistic, EpochNanos.toInstant(endNanos), value, quality));
        }
        if (statistic == Statistic.SAMPLE) {
            node.rules().accept(q, endNanos, value, startNanos);
        }
    }

    @Override
    public void spectrum(long endNanos, SpectrumAnalyzer spectrum) {
        if (spectrumListener != null) {
            spectrumListener.spectrum(node.sensorId(), EpochNanos.toInstant(endNanos), spectrum);
        }
    }

    void tick(long nowNanos) {
        for (WindowProcessor w : windows) {
            w.tick(nowNanos);
        }
    }

    /** Emits what the filters hold, then closes the open windows. */
    void flushAll() {
        head.flush();
        for (WindowProcessor w : windows) {
            w.flush();
        }
    }
}
