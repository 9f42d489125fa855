package de.dos2030.iot.collector.alerts.routing;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;

/**
 * Alert routing ({@code collector.routing.*}).
 *
 * @param interval   how often held deliveries are released and escalations looked for
 * @param groupWait  how long correlated steps are gathered into one message, from the first one
 * @param groupRules rules whose raises (and clears) are gathered: one message for many gateways
 */
@ConfigurationProperties("collector.routing")
public record RoutingConfig(
        @Bindable(defaultValue = "5s") @NotNull Duration interval,
        @Bindable(defaultValue = "60s") @NotNull Duration groupWait,

        @Bindable(defaultValue = "gateway-offline,sensor-silent,sequence-gap") @NotNull
        List<String> groupRules) {

    public RoutingConfig {
        if (interval.isNegative() || interval.isZero() || groupWait.isNegative()) {
            throw new IllegalArgumentException(
                    "collector.routing.interval must be positive and group-wait not negative");
        }
        groupRules = List.copyOf(groupRules);
    }
}
