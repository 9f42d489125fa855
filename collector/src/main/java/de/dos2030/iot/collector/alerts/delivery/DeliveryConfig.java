package de.dos2030.iot.collector.alerts.delivery;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;

/**
 * Delivery to subscriptions ({@code collector.delivery.*}).
 *
 * @param pollInterval   how often due deliveries are looked for (besides at once after each new event)
 * @param maxAttempts    attempts before a delivery is dead-lettered
 * @param initialBackoff wait after the first failed attempt; doubles after each further failure
 * @param maxBackoff     longest wait between attempts
 * @param timeout        how long one attempt may take (webhook request, SMTP send, MQTT publish)
 * @param lease          how long an instance holds a claimed delivery before another may take it over
 * @param allowedPrivateTargets webhook hosts ({@code host} or {@code host:port}) that may be private, loopback or
 *                       link-local addresses; empty by default: webhooks reach only the public internet
 */
@ConfigurationProperties("collector.delivery")
public record DeliveryConfig(
        @Bindable(defaultValue = "1s") @NotNull Duration pollInterval,
        @Bindable(defaultValue = "8") @Min(1) @Max(100) int maxAttempts,
        @Bindable(defaultValue = "10s") @NotNull Duration initialBackoff,
        @Bindable(defaultValue = "1h") @NotNull Duration maxBackoff,
        @Bindable(defaultValue = "10s") @NotNull Duration timeout,
        @Bindable(defaultValue = "2m") @NotNull Duration lease,
        @Bindable(defaultValue = "") @NotNull List<String> allowedPrivateTargets) {

    /** Wait after the {@code failures}-th failed attempt: initial * 2^(failures-1), at most maxBackoff. */
    public Duration backoff(int failures) {
        Duration d = initialBackoff;
        for (int i = 1; i < failures && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
