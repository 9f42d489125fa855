package de.dos2030.iot.collector.words;

import io.micronaut.core.annotation.Nullable;

/**
 * What an alert is about: the bundle key ({@link Words#BUNDLE}) of its title. The collector's own rules
 * (source {@code server}) have a name each ({@code alert.rule.<rule id>}); a gateway's threshold alert reads
 * as its quantity above or below the limit ({@code alert.title.above}, with the quantity's name as argument).
 * Shared by the pages ({@code web.AlertTitles}) and the alert texts.
 */
public final class AlertTitleKeys {
    private AlertTitleKeys() {}

    /**
     * The title's bundle key, with the quantity's name ({@code quantity.<wire name>}) as its one argument where
     * it has a quantity; null when only the gateway's message describes the alert (an edge rule on no quantity).
     */
    public static @Nullable String key(
            String source, String ruleId, @Nullable String quantity, @Nullable Double value, @Nullable Double limit) {
        if ("server".equals(source)) {
            return "alert.rule." + ruleId;
        }
        if (quantity == null) {
            return null;
        }
        if (value == null || limit == null) {
            return "alert.title.quantity";
        }
        return value >= limit ? "alert.title.above" : "alert.title.below";
    }
}
