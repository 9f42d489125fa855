package de.dos2030.iot.collector.gateways;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The admin API ({@code collector.admin.*}).
 *
 * @param token bearer token for {@code /admin/**}; at least 16 characters (set COLLECTOR_ADMIN_TOKEN)
 */
@ConfigurationProperties("collector.admin")
public record AdminConfig(@NotNull(message = "is required: set COLLECTOR_ADMIN_TOKEN")
                          @Size(min = 16, message = "must be at least 16 characters") String token) {
}
