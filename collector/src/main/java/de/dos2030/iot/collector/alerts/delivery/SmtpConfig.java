package de.dos2030.iot.collector.alerts.delivery;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The SMTP server e-mail subscriptions are sent through ({@code collector.alerts.smtp.*}). Unset
 * host: the e-mail channel is off and creating an e-mail subscription is refused.
 *
 * @param startTls require STARTTLS (production); off for a local relay
 */
@ConfigurationProperties("collector.alerts.smtp")
public record SmtpConfig(
        @Nullable String host,
        @Bindable(defaultValue = "25") int port,
        @Nullable String username,
        @Nullable String password,
        @Bindable(defaultValue = "dos-collector@localhost") String from,
        @Bindable(defaultValue = "false") boolean startTls) {}
