package de.dos2030.iot.collector.ingest.http;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The HTTP door ({@code collector.http.*}).
 *
 * @param maxPayloadBytes largest batch body accepted; bigger gets 413. Also bounds the server's
 *                        request size ({@code micronaut.server.max-request-size} follows it)
 */
@ConfigurationProperties("collector.http")
public record HttpIngestConfig(
        @Bindable(defaultValue = "1048576") @Min(1024) @Max(de.dos2030.iot.model.codec.DecodeLimits.MAX_PAYLOAD_BYTES)
        int maxPayloadBytes) {}
