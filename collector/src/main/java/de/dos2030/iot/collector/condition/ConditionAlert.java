package de.dos2030.iot.collector.condition;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * A raise or clear the engine decided: {@code modal-shift} for a mode, {@code settlement} for strain or tilt.
 *
 * @param value residual in % of the prediction (modes) or the offset in the feature's unit (strain, tilt)
 * @param limit the settlement limit; null for modes (their limit is a CUSUM in sigmas, see the message)
 */
public record ConditionAlert(
        SeriesKey key,
        String gatewayId,
        Step step,
        String alertId,
        double value,
        @Nullable Double limit,
        Instant time,
        String message) {}
