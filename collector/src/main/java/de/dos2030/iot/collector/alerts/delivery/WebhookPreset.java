package de.dos2030.iot.collector.alerts.delivery;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The body a webhook subscription receives: the raw event as JSON ({@code json}, the default and what earlier
 * versions sent), a Matrix {@code m.room.message} ({@code matrix}) or a Microsoft Teams Adaptive Card
 * ({@code teams}), the latter two written in the subscription's language. Every preset is signed alike.
 */
public enum WebhookPreset {
    JSON,
    MATRIX,
    TEAMS;

    public static final WebhookPreset DEFAULT = JSON;

    /** As stored and sent: lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<WebhookPreset> parse(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(name)).findFirst();
    }

    /** The wire names, for error messages: {@code json, matrix, teams}. */
    public static String allowed() {
        return String.join(
                ", ", Arrays.stream(values()).map(WebhookPreset::wireName).toList());
    }
}
