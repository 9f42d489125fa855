package de.dos2030.iot.collector.alerts;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * Alerts ({@code collector.alerts.*}).
 *
 * @param feedPoll how often the SSE feed reads steps recorded by other collector instances
 * @param sseHeartbeat how often an idle SSE stream gets a comment line, so that proxies keep it open
 */
@ConfigurationProperties("collector.alerts")
public record AlertsConfig(
        @Bindable(defaultValue = "1s") @NotNull Duration feedPoll,
        @Bindable(defaultValue = "20s") @NotNull Duration sseHeartbeat) {}
