package de.dos2030.iot.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.alerts.liveness.LivenessMonitor;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Both languages say everything: the bundles have the same keys, and every key a template names exists. */
class MessageBundlesTest {

    private static Properties bundle(String lang) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/i18n/messages_" + lang + ".properties")) {
            assertThat(in).as("messages_" + lang + ".properties").isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void germanAndEnglishHaveTheSameKeys() throws IOException {
        Set<String> de = new TreeSet<>(bundle("de").stringPropertyNames());
        Set<String> en = new TreeSet<>(bundle("en").stringPropertyNames());
        assertThat(de).as("keys only in German").containsAll(en);
        assertThat(en).as("keys only in English").containsAll(de);
        assertThat(de).hasSizeGreaterThan(100);
    }

    @Test
    void everyFixedKeyATemplateNamesIsInTheBundle() throws IOException {
        Set<String> keys = bundle("de").stringPropertyNames();
        Pattern fixed = Pattern.compile("#\\{([a-zA-Z][a-zA-Z0-9.-]*)[}(]");
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> views = Files.walk(Path.of("src/main/resources/views"))) {
            for (Path view : views.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = fixed.matcher(Files.readString(view));
                while (m.find()) {
                    if (!keys.contains(m.group(1))) {
                        missing.add(view.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyStateQuantityAndSeverityHasItsWords() throws IOException {
        Set<String> keys = bundle("de").stringPropertyNames();
        for (var s : de.dos2030.iot.collector.web.fleet.GatewayState.values()) {
            assertThat(keys).contains(s.messageKey());
        }
        for (var q : de.dos2030.iot.model.Quantity.values()) {
            assertThat(keys).contains("quantity." + q.wireName());
        }
        for (var q : de.dos2030.iot.model.Quality.values()) {
            assertThat(keys).contains("quality." + q.name().toLowerCase(java.util.Locale.ROOT));
        }
        for (String rule : new String[] {
            LivenessMonitor.OFFLINE,
            LivenessMonitor.SILENT,
            LivenessMonitor.GAP,
            LivenessMonitor.OUTBOX,
            LivenessMonitor.CLOCK,
            LivenessMonitor.CLOCK_OFFSET
        }) {
            assertThat(keys).as("the collector's own rules have a title").contains("alert.rule." + rule);
        }
        for (int status : new int[] {400, 403, 404, 409, 500, 503}) {
            assertThat(keys).contains("problem." + status + ".title", "problem." + status + ".text");
        }
    }
}
