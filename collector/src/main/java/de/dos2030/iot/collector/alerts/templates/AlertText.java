package de.dos2030.iot.collector.alerts.templates;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * One step of an alert in one language, in parts that each channel lays out its own way: e-mail as subject and
 * plain text, Matrix as a message, Teams as a card.
 *
 * @param headline what happened and what to do, in one line ("Bitte jetzt lüften: CO2 1.850 ppm in Raum 204")
 * @param advice   a sentence on what to do, or null
 * @param subject  the e-mail subject: the severity, then the headline
 * @param facts    labelled details in reading order (what, severity, place, value, time, …)
 */
public record AlertText(String headline, @Nullable String advice, String subject, List<Fact> facts) {
    /** A labelled detail: "Wert: 1.850 ppm". */
    public record Fact(String label, String value) {}

    public AlertText {
        facts = List.copyOf(facts);
    }

    /** The plain-text body: headline, advice, then one fact per line. */
    public String plain() {
        StringBuilder b = new StringBuilder(headline).append("\n\n");
        if (advice != null) {
            b.append(advice).append("\n\n");
        }
        for (Fact f : facts) {
            b.append(f.label()).append(": ").append(f.value()).append('\n');
        }
        return b.toString();
    }
}
