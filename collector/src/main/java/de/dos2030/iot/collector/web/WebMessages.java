package de.dos2030.iot.collector.web;

import de.dos2030.iot.collector.words.Words;
import io.micronaut.context.MessageSource;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.i18n.ResourceBundleMessageSource;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The pages' words: {@code i18n/messages_de.properties} (the default) and {@code messages_en.properties},
 * which must hold the same keys ({@code MessageBundlesTest}). Templates read them with {@code #{key}}.
 */
@Factory
class WebMessages {
    static final String BUNDLE = Words.BUNDLE;

    @Singleton
    @Named("web")
    MessageSource webMessages() {
        return new ResourceBundleMessageSource(BUNDLE);
    }
}
