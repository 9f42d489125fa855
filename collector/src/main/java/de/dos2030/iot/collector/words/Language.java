package de.dos2030.iot.collector.words;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A language the collector speaks to people in: German, the default, and English. */
public enum Language {
    GERMAN("de", Locale.GERMAN),
    ENGLISH("en", Locale.ENGLISH);

    /** What people get unless they choose: the programme's pages and texts are German first. */
    public static final Language DEFAULT = GERMAN;

    private final String tag;
    private final Locale locale;

    Language(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    /** The language tag as stored and sent ({@code de}, {@code en}). */
    public String tag() {
        return tag;
    }

    public Locale locale() {
        return locale;
    }

    /** The language with this tag, or empty. */
    public static Optional<Language> parse(String tag) {
        return Arrays.stream(values()).filter(l -> l.tag.equals(tag)).findFirst();
    }

    /** The tags, for error messages: {@code de, en}. */
    public static String allowed() {
        return String.join(", ", Arrays.stream(values()).map(Language::tag).toList());
    }
}
