package de.dos2030.iot.collector.web;

import de.dos2030.iot.collector.alerts.Alert;
import de.dos2030.iot.collector.words.AlertTitleKeys;
import io.micronaut.core.annotation.Nullable;

/**
 * What an alert is about, in the page's language: the bundle key of its title ({@link AlertTitleKeys}, which
 * the alert texts share). The gateway's own English message stays available beside it as a detail. The
 * templates call it as {@code alertTitles} ({@code views/alert-title.html}).
 */
public final class AlertTitles {
    public static final AlertTitles INSTANCE = new AlertTitles();

    private AlertTitles() {}

    /**
     * The title's bundle key, with the quantity's name as its one argument where it has one; null when
     * only the gateway's message describes the alert (an edge rule on no quantity).
     */
    public @Nullable String key(Alert a) {
        return AlertTitleKeys.key(a.source(), a.ruleId(), a.quantity(), a.value(), a.limit());
    }
}
