package de.dos2030.iot.collector.web;

import de.dos2030.iot.collector.alerts.Alert;
import de.dos2030.iot.collector.alerts.AlertSignal;
import io.micronaut.core.annotation.Nullable;
import java.util.Locale;

/**
 * What an alert is about, in the page's language: the bundle key of its title. The collector's own
 * rules have a name each ({@code alert.rule.<rule id>}); a gateway's threshold alert reads as its
 * quantity above or below the limit. The gateway's own English message stays available beside it as
 * a detail. The templates call it as {@code alertTitles} ({@code views/alert-title.html}).
 */
public final class AlertTitles {
    public static final AlertTitles INSTANCE = new AlertTitles();

    private static final String SERVER = AlertSignal.Source.SERVER.name().toLowerCase(Locale.ROOT);

    private AlertTitles() {}

    /**
     * The title's bundle key, with the quantity's name as its one argument where it has one; null when
     * only the gateway's message describes the alert (an edge rule on no quantity).
     */
    public @Nullable String key(Alert a) {
        if (SERVER.equals(a.source())) {
            return "alert.rule." + a.ruleId();
        }
        if (a.quantity() == null) {
            return null;
        }
        if (a.value() == null || a.limit() == null) {
            return "alert.title.quantity";
        }
        return a.value() >= a.limit() ? "alert.title.above" : "alert.title.below";
    }
}
