package de.dos2030.iot.collector.alerts.delivery;

import de.dos2030.iot.collector.alerts.AlertFilter;
import de.dos2030.iot.collector.words.Language;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A stored subscription. {@code secret} (webhooks: the Standard Webhooks key, {@code whsec_} and base64) is
 * returned only when the subscription is created. {@code deliveries} counts its deliveries by status when
 * listed. {@code language} ({@link Language} tag: de, en) is the language of its texts (e-mail, chat presets);
 * {@code preset} ({@link WebhookPreset}: json, matrix, teams) the body a webhook receives, json for the other
 * channels.
 */
@Serdeable
public record Subscription(
        String id,
        String owner,
        String name,
        String channel,
        String target,
        AlertFilter filter,
        boolean enabled,
        Instant createdAt,
        String language,
        String preset,
        @Nullable String secret,
        @Nullable DeliveryCounts deliveries) {

    public DeliveryChannel channelType() {
        return DeliveryChannel.parse(channel);
    }

    /** The language of its texts; German for a tag this version does not know. */
    public Language languageType() {
        return Language.parse(language).orElse(Language.DEFAULT);
    }

    /** The webhook body's shape; the raw JSON for a name this version does not know. */
    public WebhookPreset presetType() {
        return WebhookPreset.parse(preset).orElse(WebhookPreset.DEFAULT);
    }

    Subscription withSecret(@Nullable String s) {
        return new Subscription(
                id, owner, name, channel, target, filter, enabled, createdAt, language, preset, s, deliveries);
    }

    Subscription withCounts(DeliveryCounts counts) {
        return new Subscription(
                id, owner, name, channel, target, filter, enabled, createdAt, language, preset, null, counts);
    }

    /** Deliveries by status, and the last failure (what a subscriber looks at when nothing arrives). */
    @Serdeable
    public record DeliveryCounts(
            long pending,
            long delivered,
            long dead,
            @Nullable String lastError,
            @Nullable Instant lastAttemptAt) {}
}
