package de.dos2030.iot.collector.activity;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * Activity tracking ({@code collector.activity.*}).
 *
 * @param flushInterval how often last-seen times go to the relational store, where other
 *                      collector instances (and this one after a restart) read them
 */
@ConfigurationProperties("collector.activity")
public record ActivityConfig(
        @Bindable(defaultValue = "10s") @NotNull Duration flushInterval) {}
