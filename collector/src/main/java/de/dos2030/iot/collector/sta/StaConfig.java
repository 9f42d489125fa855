package de.dos2030.iot.collector.sta;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The SensorThings service ({@code collector.sta.*}).
 *
 * @param defaultTop      entities per page when a request sets no {@code $top}
 * @param maxTop          the largest {@code $top} served (500 Things with their Datastreams in one page)
 * @param modelTtl        how long the registry-derived entities are reused between requests; a new
 *                        series at ingest rebuilds them sooner
 * @param anonymousRange  anonymous Observations without a {@code phenomenonTime} filter: this long before
 *                        the public limit ({@code collector.open.*})
 * @param maxScanned      raw readings one request may read to evaluate a {@code $filter} or {@code $orderby}
 *                        that InfluxDB cannot answer (e.g. on {@code result}); beyond, 400 asks for a narrower time
 */
@ConfigurationProperties("collector.sta")
public record StaConfig(
        @Bindable(defaultValue = "100") @Min(1) @Max(10_000) int defaultTop,

        @Bindable(defaultValue = "1000") @Min(1) @Max(10_000)
        int maxTop,

        @Bindable(defaultValue = "2s") @NotNull Duration modelTtl,
        @Bindable(defaultValue = "7d") @NotNull Duration anonymousRange,
        @Bindable(defaultValue = "200000") @Min(1) int maxScanned) {

    public StaConfig {
        if (defaultTop > maxTop) {
            throw new IllegalArgumentException("collector.sta.default-top (" + defaultTop
                    + ") must not exceed collector.sta.max-top (" + maxTop + ")");
        }
    }
}
