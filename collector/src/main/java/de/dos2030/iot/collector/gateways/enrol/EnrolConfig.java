package de.dos2030.iot.collector.gateways.enrol;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Enrolment ({@code collector.enrol.*}): how long claim codes live, how hard guessing is throttled, and
 * which endpoints the collector tells an enrolling gateway about.
 *
 * @param defaultValidity how long a code works when the admin does not say
 * @param maxValidity     the longest validity an admin may ask for
 * @param failedAttempts  wrong codes a client address may send per {@code failedWindow} before it gets 429
 * @param failedWindow    the window the failed attempts are counted over (a token bucket refilling over it)
 * @param httpUrl         the collector's HTTP base URL as gateways reach it, or null when unknown
 * @param mqttUrl         the broker's URL as gateways reach it ({@code ssl://host:8883}), or null
 * @param coapUrl         the CoAP(S) URL as gateways reach it, or null
 */
@ConfigurationProperties("collector.enrol")
public record EnrolConfig(
        @Bindable(defaultValue = "72h") @NotNull Duration defaultValidity,
        @Bindable(defaultValue = "30d") @NotNull Duration maxValidity,
        @Bindable(defaultValue = "10") int failedAttempts,
        @Bindable(defaultValue = "15m") @NotNull Duration failedWindow,
        @Nullable String httpUrl,
        @Nullable String mqttUrl,
        @Nullable String coapUrl) {

    public EnrolConfig {
        if (defaultValidity.isNegative() || defaultValidity.isZero() || maxValidity.compareTo(defaultValidity) < 0) {
            throw new IllegalArgumentException("collector.enrol.default-validity must be positive and at most"
                    + " collector.enrol.max-validity (" + maxValidity + ")");
        }
        if (failedAttempts < 1 || failedWindow.isNegative() || failedWindow.isZero()) {
            throw new IllegalArgumentException(
                    "collector.enrol.failed-attempts must be 1 or more and collector.enrol.failed-window positive");
        }
    }

    /** The known endpoints by name ({@code http}, {@code mqtt}, {@code coap}); empty when none is configured. */
    public Map<String, String> endpoints() {
        Map<String, String> out = new LinkedHashMap<>();
        if (httpUrl != null && !httpUrl.isBlank()) {
            out.put("http", httpUrl.trim());
        }
        if (mqttUrl != null && !mqttUrl.isBlank()) {
            out.put("mqtt", mqttUrl.trim());
        }
        if (coapUrl != null && !coapUrl.isBlank()) {
            out.put("coap", coapUrl.trim());
        }
        return out;
    }
}
