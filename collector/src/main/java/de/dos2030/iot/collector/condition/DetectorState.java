package de.dos2030.iot.collector.condition;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * Where a feature's change detector stands, persisted after every closed bin so that a restarted
 * collector goes on where it stopped.
 *
 * @param high     upper CUSUM sum (sigma units), for a rise of the residual
 * @param low      lower CUSUM sum (sigma units), for a drop
 * @param outSince data time since which the detector is beyond its limit without a break (null: not beyond)
 * @param inSince  data time since which a raised detector is back within half its limit (null: not back)
 * @param alertId  the open alert's id (null: none open)
 */
public record DetectorState(
        double high,
        double low,
        @Nullable Instant outSince,
        @Nullable Instant inSince,
        @Nullable String alertId) {

    public static final DetectorState CALM = new DetectorState(0, 0, null, null, null);

    public boolean alarmed() {
        return alertId != null;
    }
}
