package de.dos2030.iot.collector.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The bootstrap admin ({@code collector.admin.*}): a token with the admin role that always works,
 * so a fresh installation can register gateways and issue API tokens.
 *
 * @param token the bootstrap admin's bearer token; at least 16 characters (set COLLECTOR_ADMIN_TOKEN)
 */
@ConfigurationProperties("collector.admin")
public record AdminConfig(
        @NotNull(message = "is required: set COLLECTOR_ADMIN_TOKEN")
        @Size(min = 16, message = "must be at least 16 characters")
        String token) {}
