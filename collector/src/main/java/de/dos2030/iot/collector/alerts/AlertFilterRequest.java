package de.dos2030.iot.collector.alerts;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;

/**
 * The filter parameters of the alert list, the active alerts and the live stream, bound from the
 * query string ({@code @RequestBean}). {@link #toFilter} checks them as {@link AlertFilter#of} does
 * for subscriptions, so both refuse the same values with the same words.
 */
@Introspected
public record AlertFilterRequest(
        @Nullable @QueryValue String siteId,
        @Nullable @QueryValue String siteKind,
        @Nullable @QueryValue String gatewayId,
        @Nullable @QueryValue String sensorId,
        @Nullable @QueryValue String quantity,
        @Nullable @QueryValue String minSeverity) {

    /**
     * The checked filter.
     *
     * @throws de.dos2030.iot.collector.api.BadRequestException naming the first parameter that is not allowed
     */
    public AlertFilter toFilter() {
        return AlertFilter.of(siteId, siteKind, gatewayId, sensorId, quantity, minSeverity);
    }
}
