package de.dos2030.iot.collector.web.subscriptions;

import de.dos2030.iot.collector.alerts.AlertFilter;
import de.dos2030.iot.collector.alerts.delivery.Subscriptions;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;

/**
 * The new-subscription form as sent (field names as in the HTML), and its errors as the page shows
 * them: a message key per field for the error summary and the field, and the service's English
 * detail beside it. Turning form fields into a {@link Subscriptions.Draft} is all it does; the rules
 * live in {@link Subscriptions}.
 */
public record SubscriptionForm(
        String name,
        String channel,
        String target,
        String art,
        String standort,
        String gateway,
        String schwere,
        String language,
        String preset) {

    /** One error: the form field's id, the message key, the service's detail. */
    public record FieldError(String field, String key, String detail) {}

    static SubscriptionForm empty() {
        return new SubscriptionForm("", "webhook", "", "", "", "", "", "de", "json");
    }

    static SubscriptionForm of(
            @Nullable String name,
            @Nullable String channel,
            @Nullable String target,
            @Nullable String art,
            @Nullable String standort,
            @Nullable String gateway,
            @Nullable String schwere,
            @Nullable String language,
            @Nullable String preset) {
        return new SubscriptionForm(
                trim(name),
                trim(channel),
                trim(target),
                trim(art),
                trim(standort),
                trim(gateway),
                trim(schwere),
                trim(language),
                trim(preset));
    }

    Subscriptions.Draft draft() {
        AlertFilter filter = new AlertFilter(
                blankToNull(standort), blankToNull(art), blankToNull(gateway), null, null, blankToNull(schwere));
        // the preset applies to webhooks; the form sends its radio whatever the channel, so others take json
        String shape = "webhook".equals(channel) ? blankToNull(preset) : null;
        return new Subscriptions.Draft(
                blankToNull(name),
                blankToNull(channel),
                blankToNull(target),
                filter,
                true,
                blankToNull(language),
                shape);
    }

    /** The service's problems as errors on this form's fields. */
    static List<FieldError> errors(List<Subscriptions.Problem> problems) {
        List<FieldError> out = new ArrayList<>();
        for (Subscriptions.Problem p : problems) {
            out.add(new FieldError(field(p), "subs.error." + p.code(), p.detail()));
        }
        return out;
    }

    private static String field(Subscriptions.Problem p) {
        if (!p.field().equals("filter")) {
            return p.field();
        }
        if (p.detail().startsWith("siteId")) {
            return "standort";
        }
        if (p.detail().startsWith("gatewayId")) {
            return "gateway";
        }
        return p.detail().startsWith("minSeverity") ? "schwere" : "art";
    }

    private static String trim(@Nullable String s) {
        return s == null ? "" : s.trim();
    }

    @Nullable
    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
