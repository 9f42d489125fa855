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
                throw new InvalidConfigException(
                        "range filter",
                        List.of(Violation.of("min", "min " + min.get() + " is not below max " + max.get())));
            }
            if ((min.isPresent() || max.isPresent()) && quantity.isEmpty()) {
                throw new InvalidConfigException(
                        "range filter",
                        List.of(Violation.of("quantity", "a range with min or max must name its quantity")));
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
                throw new InvalidConfigException(
                        "hampel filter",
                        List.of(Violation.of(
                                "",
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

    /**
     * Plausibility of change: a sample that moved further from the last plausible one than
     * {@code maxJump} per second (or per sample) is flagged as implausible. Without {@code maxJump}
     * each quantity takes its default ({@link Defaults#maxJumpPerSecond}); quantities without one
     * (acceleration: vibration jumps by nature) are not checked.
     */
    record Jump(Optional<Quantity> quantity, Optional<Double> maxJump, JumpPer per) implements FilterConfig {
        public Jump {
            List<Violation> out = new java.util.ArrayList<>();
            if (maxJump == null || per == null) {
                out.add(Violation.of("", "max-jump and per must not be null"));
            } else {
                maxJump.filter(m -> !(m > 0) || Double.isInfinite(m))
                        .ifPresent(m -> out.add(Violation.of("max-jump", "must be positive, got " + m)));
                if (maxJump.isPresent() && quantity.isEmpty()) {
                    out.add(Violation.of("quantity", "a jump filter with max-jump must name its quantity"));
                }
                if (maxJump.isEmpty() && per == JumpPer.SAMPLE) {
                    out.add(Violation.of(
                            "max-jump",
                            "the defaults are per second: a jump per sample needs max-jump",
                            "max-jump, or per: second"));
                } else if (maxJump.isEmpty()
                        && quantity.isPresent()
                        && Defaults.maxJumpPerSecond(quantity.get()).isEmpty()) {
                    out.add(Violation.of(
                            "max-jump",
                            quantity.get().wireName() + " has no default max-jump",
                            "max-jump in " + quantity.get().unit() + " per " + per.wireName()));
                }
            }
            Violation.throwIfAny("jump filter", out);
        }

        @Override
        public String kind() {
            return "jump";
        }
    }

    /**
     * Running median of {@code window} samples (odd), centred on the sample it replaces: removes
     * spikes shorter than half the window and keeps steps sharp. Output lags by window / 2 samples.
     */
    record Median(Optional<Quantity> quantity, int window) implements FilterConfig {
        public static final int MIN_WINDOW = 3;
        public static final int MAX_WINDOW = 99;

        public Median {
            if (window < MIN_WINDOW || window > MAX_WINDOW || window % 2 == 0) {
                throw new InvalidConfigException(
                        "median filter",
                        List.of(Violation.of(
                                "window",
                                "window " + window + " is not an odd number of samples from 3 to 99",
                                "3, 5, 7, ... 99: the median of an odd window is one of its samples")));
            }
        }

        @Override
        public String kind() {
            return "median";
        }
    }
}
