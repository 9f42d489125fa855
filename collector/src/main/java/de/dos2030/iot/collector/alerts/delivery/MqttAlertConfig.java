package de.dos2030.iot.collector.alerts.delivery;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The broker alert subscriptions publish to ({@code collector.alerts.mqtt.*}). Unset URL: the
 * MQTT channel is off and creating an MQTT subscription is refused. The account needs write
 * access to {@code dos/alerts/#} (the collector's ACL block written by the registry has it).
 */
@ConfigurationProperties("collector.alerts.mqtt")
public record MqttAlertConfig(
        @Nullable String url,
        @Nullable String username,
        @Nullable String password,
        @Bindable(defaultValue = "1") int qos) {}
