package de.dos2030.iot.collector.ingest.coap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * The CoAP door ({@code collector.coap.*}).
 *
 * @param enabled         serve CoAP at all
 * @param bindAddress     address both endpoints bind to
 * @param securePort      CoAPS (DTLS 1.2, PSK: identity = gateway id, key = SHA-256 of its token)
 * @param plainEnabled    also serve plain CoAP (development only: the token travels as {@code ?token=})
 * @param plainPort       plain CoAP port
 * @param maxPayloadBytes largest batch (block-wise transfers included); larger gets 4.13
 */
@ConfigurationProperties("collector.coap")
public record CoapIngestConfig(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "0.0.0.0") @NotBlank String bindAddress,
        @Bindable(defaultValue = "5684") @Min(1) @Max(65535) int securePort,
        @Bindable(defaultValue = "false") boolean plainEnabled,
        @Bindable(defaultValue = "5683") @Min(1) @Max(65535) int plainPort,

        @Bindable(defaultValue = "1048576") @Min(1024) @Max(de.dos2030.iot.model.codec.DecodeLimits.MAX_PAYLOAD_BYTES)
        int maxPayloadBytes) {}
