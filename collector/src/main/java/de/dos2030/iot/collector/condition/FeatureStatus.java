package de.dos2030.iot.collector.condition;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * Where one followed feature of a bridge stands, from its last closed bin.
 *
 * @param state           {@code learning}, {@code ok}, {@code shifted} (a mode's modal-shift alert is open) or
 *                        {@code settled} (strain or tilt: settlement alert open)
 * @param value           last bin's median (Hz, um/m, deg)
 * @param predicted       the baseline's value at the bin's temperature (null while learning the first baseline)
 * @param residual        value - predicted: for strain and tilt the offset
 * @param residualPercent residual in % of predicted (modes)
 * @param residualSigma   residual in baseline sigmas
 * @param coverage        modes: share of windows over the last day with a good frequency (0..1)
 * @param limit           strain and tilt: the offset limit
 */
@Serdeable
public record FeatureStatus(
        String sensorId,
        String feature,
        String unit,
        String state,
        @Nullable Instant time,
        @Nullable Double value,
        @Nullable Double temperature,
        @Nullable Double predicted,
        @Nullable Double residual,
        @Nullable Double residualPercent,
        @Nullable Double residualSigma,
        @Nullable Double coverage,
        @Nullable Integer baselineVersion,
        @Nullable Double limit) {}
