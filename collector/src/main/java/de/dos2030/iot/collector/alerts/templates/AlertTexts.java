package de.dos2030.iot.collector.alerts.templates;

import de.dos2030.iot.collector.alerts.AlertNotification;
import de.dos2030.iot.collector.words.AlertTitleKeys;
import de.dos2030.iot.collector.words.Language;
import de.dos2030.iot.collector.words.LocalFormat;
import de.dos2030.iot.collector.words.Words;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a step of an alert as a subscriber reads it, in the subscription's language, from the templates in
 * {@code alerts/texts_<language>.properties} ({@value #BUNDLE}). Names of quantities, severities, statuses and
 * alert titles come from the pages' bundle ({@link Words#BUNDLE}), numbers and times from {@link LocalFormat},
 * places from {@link PlaceNames}: each said in one place.
 *
 * <p>The subject is {@code subject.<kind>} or {@code subject}. The headline is the first of these keys the bundle holds: {@code <kind>.rule.<rule id>} (the
 * collector's own rules), then for raised and severity_changed {@code <kind>.<quantity>.<above|below>} and
 * {@code <kind>.<above|below>}, for acknowledged and cleared {@code <kind>.<quantity>}; last
 * {@code <kind>.default}, then {@code default}. The same key with {@code .advice} is its advice. A template's text starting with
 * {@code @} names a key of the pages' bundle instead. Placeholders are named ({@code {value}}, {@code {room}},
 * …; see the bundle's head); an unknown one fails ({@code AlertTextsTest} renders every template). Thread-safe.
 */
@Singleton
public class AlertTexts {
    /** The templates' bundle. */
    public static final String BUNDLE = "alerts.texts";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

    private final PlaceNames places;

    public AlertTexts(PlaceNames places) {
        this.places = places;
    }

    /** The step in {@code language}, placed by the registry. */
    public AlertText render(AlertNotification step, Language language) {
        return render(step, language, places.of(step));
    }

    /** The step in {@code language} at {@code place}. */
    public static AlertText render(AlertNotification n, Language language, PlaceNames.Place place) {
        Words texts = Words.of(BUNDLE, language);
        Words pages = Words.pages(language);
        LocalFormat fmt = new LocalFormat(language.locale(), place.zone());
        boolean stillOn = n.kind().equals("raised") || n.kind().equals("severity_changed");

        Map<String, String> values = new HashMap<>();
        values.put("value", fmt.quantity(n.value(), n.unit()));
        values.put("limit", fmt.quantity(n.limit(), n.unit()));
        values.put("room", place.room());
        values.put("site", place.site());
        values.put("quantity", n.quantity() == null ? "–" : word(pages, "quantity." + n.quantity(), n.quantity()));
        values.put("title", title(n, pages, values.get("quantity"), stillOn));
        values.put("severity", word(pages, "severity." + n.severity(), n.severity()));
        values.put("status", word(pages, "alert.status." + n.status(), n.status()));
        values.put("actor", n.actor() == null ? "–" : n.actor());
        values.put("time", fmt.dateTime(n.time()));
        values.put("gateway", n.gatewayId());
        values.put("sensor", n.sensorId() == null ? "–" : n.sensorId());
        values.put("rule", n.ruleId());
        values.put("alert", n.alertId());
        values.put("message", n.message());

        String key = headlineKey(n, texts, stillOn);
        String headline = fill(texts, pages, key, values);
        values.put("headline", headline);
        String advice = texts.has(key + ".advice") ? fill(texts, pages, key + ".advice", values) : null;

        List<AlertText.Fact> facts = new ArrayList<>();
        fact(facts, texts, "fact.what", values.get("title"));
        fact(facts, texts, "fact.severity", values.get("severity"));
        fact(facts, texts, "fact.status", values.get("status"));
        fact(
                facts,
                texts,
                "fact.place",
                place.room().equals(place.site()) ? place.site() : place.room() + ", " + place.site());
        if (n.value() != null) {
            fact(facts, texts, "fact.value", values.get("value"));
        }
        if (n.limit() != null) {
            fact(facts, texts, "fact.limit", values.get("limit"));
        }
        fact(facts, texts, "fact.time", values.get("time"));
        if (n.actor() != null) {
            fact(facts, texts, "fact.by", n.actor());
        }
        fact(facts, texts, "fact.message", n.message());
        fact(facts, texts, "fact.ids", fill(texts, pages, "fact.ids.value", values));
        String subject = texts.has("subject." + n.kind()) ? "subject." + n.kind() : "subject";
        return new AlertText(headline, advice, fill(texts, pages, subject, values), facts);
    }

    private static String headlineKey(AlertNotification n, Words texts, boolean stillOn) {
        List<String> keys = new ArrayList<>();
        if ("server".equals(n.source())) {
            keys.add(n.kind() + ".rule." + n.ruleId());
        }
        if (n.quantity() != null) {
            if (stillOn && n.value() != null && n.limit() != null) {
                String direction = n.value() >= n.limit() ? "above" : "below";
                keys.add(n.kind() + "." + n.quantity() + "." + direction);
                keys.add(n.kind() + "." + direction);
            } else if (!stillOn) {
                keys.add(n.kind() + "." + n.quantity());
            }
        }
        keys.add(n.kind() + ".default");
        keys.add("default"); // a step kind newer than these templates still reads as its title and place
        return keys.stream()
                .filter(texts::has)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no alert text for step kind '" + n.kind() + "' in "
                        + BUNDLE + "_" + texts.locale() + ": add " + n.kind() + ".default or default"));
    }

    /** The title: a rule's name or the quantity above/below its limit; the gateway's message when neither. */
    private static String title(AlertNotification n, Words pages, String quantityName, boolean stillOn) {
        // after a clear the value is back inside the limit: "below the limit" would misstate what it was about
        String key = AlertTitleKeys.key(
                n.source(), n.ruleId(), n.quantity(), stillOn ? n.value() : null, stillOn ? n.limit() : null);
        if (key == null || !pages.has(key)) {
            return n.message();
        }
        return n.quantity() == null ? pages.get(key) : pages.get(key, quantityName);
    }

    private static void fact(List<AlertText.Fact> facts, Words texts, String labelKey, String value) {
        facts.add(new AlertText.Fact(texts.get(labelKey), value));
    }

    private static String word(Words pages, String key, @Nullable String fallback) {
        return pages.has(key) ? pages.get(key) : fallback;
    }

    /** The template of {@code key} with its placeholders filled; {@code @key} reads the pages' bundle. */
    static String fill(Words texts, Words pages, String key, Map<String, String> values) {
        String template = texts.get(key);
        if (template.startsWith("@")) {
            return pages.get(template.substring(1));
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("alert text '" + key + "' in " + BUNDLE + "_" + texts.locale()
                        + " has the unknown placeholder {" + m.group(1) + "}; known: " + values.keySet());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
