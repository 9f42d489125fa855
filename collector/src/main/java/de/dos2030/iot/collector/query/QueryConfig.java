package de.dos2030.iot.collector.query;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The query API ({@code collector.query.*}).
 *
 * @param maxPoints      most points one series answer may hold (all series together)
 * @param defaultRange   time range when {@code from} is not given
 * @param requestTimeout how long a query may take at InfluxDB
 */
@ConfigurationProperties("collector.query")
public record QueryConfig(
        @Bindable(defaultValue = "100000") @Min(1) @Max(5_000_000)
        int maxPoints,

        @Bindable(defaultValue = "1d") @NotNull Duration defaultRange,
        @Bindable(defaultValue = "30s") @NotNull Duration requestTimeout) {}
