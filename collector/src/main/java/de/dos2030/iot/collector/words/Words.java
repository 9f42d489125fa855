package de.dos2030.iot.collector.words;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * One language's words from a properties bundle: the pages' {@value #BUNDLE} (where the names of quantities,
 * severities and alert titles live) or another bundle of the same shape. Arguments fill {@code {0}},
 * {@code {1}}, … by plain replacement, as the pages' message source does (no MessageFormat: an apostrophe
 * stays an apostrophe). Immutable and thread-safe.
 */
public final class Words {
    /** The pages' bundle: {@code i18n/messages_de.properties} and {@code messages_en.properties}. */
    public static final String BUNDLE = "i18n.messages";

    private final ResourceBundle bundle;

    private Words(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    /**
     * The bundle {@code name} in {@code language}; never falls back to the JVM's default locale.
     *
     * @throws MissingResourceException when the bundle is not on the class path
     */
    public static Words of(String name, Language language) {
        return new Words(ResourceBundle.getBundle(
                name,
                language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
    }

    /** The pages' words in {@code language}. */
    public static Words pages(Language language) {
        return of(BUNDLE, language);
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    /**
     * The text of {@code key} with {@code {0}}, {@code {1}}, … replaced by the arguments.
     *
     * @throws MissingResourceException naming the key when the bundle does not hold it
     */
    public String get(String key, Object... args) {
        String text = bundle.getString(key);
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    public Locale locale() {
        return bundle.getLocale();
    }
}
