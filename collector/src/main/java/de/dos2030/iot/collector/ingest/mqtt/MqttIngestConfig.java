package de.dos2030.iot.collector.ingest.mqtt;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The MQTT v5 door ({@code collector.mqtt.*}).
 *
 * @param enabled         subscribe at all
 * @param url             broker, {@code tcp://host:port} or {@code ssl://host:port}
 * @param username        the collector's broker account
 * @param password        its password
 * @param clientId        stable client id, so that a restarted collector resumes its session and gets
 *                        the messages queued meanwhile; default {@code dos-collector-<host name>}
 * @param shareGroup      shared-subscription group: instances in one group split the load
 * @param topicPrefix     first topic level ({@code dos}/site/gateway/kind)
 * @param sessionExpiry   how long the broker keeps the session (and queues messages) while disconnected.
 *                        Short on purpose: Mosquitto keeps handing a disconnected member of a share
 *                        group its share of the batches, so a dead instance would hoard them until the
 *                        session expires. Nothing depends on the broker's queue: a gateway re-sends
 *                        every batch that no collector confirmed.
 * @param maxPayloadBytes larger messages are answered "rejected"
 * @param maxInFlight     batches being stored at once; beyond, messages get no answer (the gateway re-sends)
 * @param caFile          for an {@code ssl://} URL: PEM file of the CA(s) that signed the broker's certificate;
 *                        unset: the JVM's trust store
 */
@ConfigurationProperties("collector.mqtt")
public record MqttIngestConfig(
        @Bindable(defaultValue = "true") boolean enabled,

        @Bindable(defaultValue = "tcp://127.0.0.1:1883")
        @NotNull
        @Pattern(regexp = "(tcp|ssl|ws|wss)://[^\\s]+:[0-9]+", message = "must be tcp://host:port or ssl://host:port")
        String url,

        @Nullable String username,
        @Nullable String password,
        @Nullable String clientId,

        @Bindable(defaultValue = "collectors") @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}")
        String shareGroup,

        @Bindable(defaultValue = "dos") @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}")
        String topicPrefix,

        @Bindable(defaultValue = "30s") @NotNull Duration sessionExpiry,

        @Bindable(defaultValue = "1048576") @Min(1024) @Max(de.dos2030.iot.model.codec.DecodeLimits.MAX_PAYLOAD_BYTES)
        int maxPayloadBytes,

        @Bindable(defaultValue = "2000") @Min(1) int maxInFlight,

        @Nullable Path caFile) {}
