package de.dos2030.iot.collector.alerts.delivery;

import java.util.Locale;

/**
 * How a subscription is told. Server-Sent Events are not a stored subscription: a client opens
 * {@code GET /api/v1/alerts/stream} with the same filters and hears what happens while connected.
 */
public enum DeliveryChannel {
    /** JSON POST to {@code target} (an http(s) URL), signed with HMAC-SHA256. */
    WEBHOOK,
    /** MQTT publish to {@code <target>/<site>/<severity>}; target is a topic prefix, by default {@code dos/alerts}. */
    MQTT,
    /** E-mail over SMTP to {@code target} (an address). */
    EMAIL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryChannel parse(String s) {
        for (DeliveryChannel c : values()) {
            if (c.wireName().equals(s)) {
                return c;
            }
        }
        return null;
    }
}
