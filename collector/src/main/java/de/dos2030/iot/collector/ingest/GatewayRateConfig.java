package de.dos2030.iot.collector.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Per-gateway fairness ({@code collector.ingest.rate.*}): a token bucket per gateway, shared by all
 * three doors, so that one gateway can never take the collector from the others. A batch past the
 * bucket is answered at once (HTTP 429, CoAP 4.29, MQTT {@code try_later}) with the time until the
 * next batch is admitted.
 *
 * <p>The defaults throttle no real gateway: a 100 Hz bridge (4 strain gauges plus vibration
 * features, about 400 readings/s) fills a 1000-reading batch every 2.5 s, 0.4 batches/s; catching
 * up after an outage it sends as fast as it is answered, which a throttle merely paces.
 *
 * @param batchesPerSecond batches a gateway may send per second, sustained
 * @param burst            batches it may send at once after a quiet time (the bucket's size)
 */
@ConfigurationProperties("collector.ingest.rate")
public record GatewayRateConfig(
        @Bindable(defaultValue = "20") @Min(1) @Max(100_000) int batchesPerSecond,

        @Bindable(defaultValue = "100") @Min(1) @Max(1_000_000)
        int burst) {}
