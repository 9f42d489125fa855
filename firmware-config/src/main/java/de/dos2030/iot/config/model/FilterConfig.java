package de.dos2030.iot.config.model;

import de.dos2030.iot.model.Quantity;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One stage of a sensor's filter chain, applied in file order to {@code quantity} or, when it is
 * empty, to every quantity of the sensor.
 */
public sealed interface FilterConfig {

    /** The file's {@code kind} value. */
    String kind();

    Optional<Quantity> quantity();

    /** Marks values outside [min, max] (default: the quantity's plausible range) as faulty. */
    record Range(Optional<Quantity> quantity, Optional<Double> min, Optional<Double> max) implements FilterConfig {
        public Range {
            if (min.isPresent() && max.isPresent() && min.get() >= max.get()) {
                throw new InvalidConfigException("range filter", List.of(Violation.of("min",
                        "min " + min.get() + " is not below max " + max.get())));
            }
            if ((min.isPresent() || max.isPresent()) && quantity.isEmpty()) {
                throw new InvalidConfigException("range filter", List.of(Violation.of("quantity",
                        "a range with min or max must name its quantity")));
            }
        }

        @Override
        public String kind() {
            return "range";
        }
    }

    /**
     * Hampel outlier filter: replaces a value further than {@code threshold} scaled MADs from the
     * median of the {@code halfWindow} samples on either side.
     */
    record Hampel(Optional<Quantity> quantity, int halfWindow, double threshold) implements FilterConfig {
        public Hampel {
            if (halfWindow < 1 || halfWindow > 50 || !(threshold > 0 && threshold <= 10)) {
                throw new InvalidConfigException("hampel filter", List.of(Violation.of("",
                        "window " + halfWindow + " / threshold " + threshold + " out of range",
                        "window 1-50, threshold above 0 up to 10")));
            }
        }

        @Override
        public String kind() {
            return "hampel";
        }
    }

    /** Exponential moving average with time constant {@code tau}: alpha = 1 - exp(-dt / tau). */
    record Ema(Optional<Quantity> quantity, Duration tau) implements FilterConfig {
        public Ema {
            if (tau == null || tau.isNegative() || tau.isZero()) {
                throw new InvalidConfigException("ema filter", List.of(Violation.of("tau", "must be positive")));
            }
        }

        @Override
        public String kind() {
            return "ema";
        }
    }
}
