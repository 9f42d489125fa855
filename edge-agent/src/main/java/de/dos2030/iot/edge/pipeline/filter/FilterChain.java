package de.dos2030.iot.edge.pipeline.filter;

import de.dos2030.iot.config.model.Calibration;
import de.dos2030.iot.config.model.Defaults;
import de.dos2030.iot.config.model.FilterConfig;
import de.dos2030.iot.config.model.JumpPer;
import de.dos2030.iot.model.Quantity;
import java.util.List;

/**
 * Builds a channel's sample path from the sensor's configuration: calibration first (primary
 * quantity only), then strain temperature compensation (when configured), then the configured
 * filters in file order that apply to the quantity, then the given tail. A quantity without a
 * range filter still gets one with its plausible range, so an impossible value never reaches a
 * rule. A jump filter without {@code max-jump} takes the quantity's default and is left out for
 * quantities without one.
 */
public final class FilterChain {

    private FilterChain() {}

    /**
     * @param primary true when {@code quantity} is the driver's primary quantity (calibration applies)
     * @return the head stage to feed samples into
     */
    public static SampleStage build(
            Quantity quantity, boolean primary, Calibration calibration, List<FilterConfig> filters, SampleStage tail) {
        return build(quantity, primary, calibration, filters, null, 0, tail);
    }

    /**
     * How many samples the configured filters of {@code quantity} hold a sample back before it
     * comes out: a Hampel filter its {@code k} (half window), a median its window / 2; the others
     * none. Feature windows wait this long (times the sample period) before they close on the clock.
     */
    public static int lagSamples(Quantity quantity, List<FilterConfig> filters) {
        int lag = 0;
        for (FilterConfig f : filters) {
            if (f.quantity().isPresent() && f.quantity().get() != quantity) {
                continue;
            }
            if (f instanceof FilterConfig.Hampel h) {
                lag += h.halfWindow();
            } else if (f instanceof FilterConfig.Median m) {
                lag += m.window() / 2;
            }
        }
        return lag;
    }

    /**
     * @param temperature   the compensating temperature of a strain channel whose calibration has
     *                      temperature compensation; null otherwise
     * @param maxAgeNanos   how old that temperature may be before the strain goes uncompensated
     */
    public static SampleStage build(
            Quantity quantity,
            boolean primary,
            Calibration calibration,
            List<FilterConfig> filters,
            LatestTemperature temperature,
            long maxAgeNanos,
            SampleStage tail) {
        SampleStage head = tail;
        boolean hasRange = false;
        for (int i = filters.size() - 1; i >= 0; i--) {
            FilterConfig f = filters.get(i);
            if (f.quantity().isPresent() && f.quantity().get() != quantity) {
                continue;
            }
            if (f instanceof FilterConfig.Range r) {
                hasRange = true;
                head = new RangeFilter(r.min().orElse(quantity.min()), r.max().orElse(quantity.max()), head);
            } else if (f instanceof FilterConfig.Hampel h) {
                head = new HampelFilter(h.halfWindow(), h.threshold(), head);
            } else if (f instanceof FilterConfig.Jump j) {
                var max = j.maxJump().or(() -> Defaults.maxJumpPerSecond(quantity));
                if (max.isPresent()) {
                    head = new JumpFilter(max.get(), j.per() == JumpPer.SECOND, head);
                }
            } else if (f instanceof FilterConfig.Median m) {
                head = new MedianFilter(m.window(), head);
            } else if (f instanceof FilterConfig.Ema e) {
                head = new EmaFilter(e.tau().toNanos(), head);
            } else {
                throw new IllegalArgumentException("unknown filter kind " + f.kind());
            }
        }
        if (!hasRange) {
            head = new RangeFilter(quantity.min(), quantity.max(), head);
        }
        if (quantity == Quantity.STRAIN
                && temperature != null
                && calibration.temperatureCompensation().isPresent()) {
            var tc = calibration.temperatureCompensation().get();
            head = new TemperatureCompensationStage(tc.coefficient(), tc.reference(), temperature, maxAgeNanos, head);
        }
        if (primary && (calibration.scale() != 1.0 || calibration.offset() != 0.0)) {
            head = new CalibrationStage(calibration.scale(), calibration.offset(), head);
        }
        return head;
    }
}
