package de.dos2030.iot.collector.alerts.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.dos2030.iot.collector.alerts.AlertNotification;
import de.dos2030.iot.collector.words.Language;
import de.dos2030.iot.collector.words.Words;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The subscriber texts of each step of a classroom CO2 alert, a bridge strain alert and a gateway gone offline,
 * in German and English, against golden files ({@code src/test/resources/golden/alert-texts}). After a wanted
 * change of wording, rewrite them with {@code -Dgolden.update=true} and read the diff.
 */
class AlertTextsTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/alert-texts");
    private static final Set<String> PLACEHOLDERS = Set.of(
            "value",
            "limit",
            "quantity",
            "room",
            "site",
            "title",
            "severity",
            "status",
            "actor",
            "time",
            "gateway",
            "sensor",
            "rule",
            "alert",
            "message",
            "headline");

    @ParameterizedTest
    @EnumSource(Language.class)
    void rendersEachStepOfEachScenarioAsItsGoldenFileSays(Language language) throws IOException {
        for (AlertScenarios.Scenario s : AlertScenarios.all()) {
            String rendered = render(s, language);
            Path file = GOLDEN.resolve(s.name() + "." + language.tag() + ".txt");
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(GOLDEN);
                Files.writeString(file, rendered, StandardCharsets.UTF_8);
            }
            assertThat(rendered).as(file.toString()).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        }
    }

    @Test
    void asksPupilsToAirTheRoomWithTheValueInGermanNumbers() {
        AlertText t = AlertTexts.render(
                AlertScenarios.classroomCo2().steps().get(0),
                Language.GERMAN,
                AlertScenarios.classroomCo2().place());
        assertThat(t.headline()).isEqualTo("Bitte jetzt lüften: CO2 1.850 ppm in Raum 204, Gesamtschule Nord");
        assertThat(t.subject()).isEqualTo("[Warnung] " + t.headline());
        assertThat(t.advice()).isEqualTo(Words.pages(Language.GERMAN).get("classroom.explain.how"));
    }

    @Test
    void writesEnglishNumbersAndWordsForAnEnglishSubscriber() {
        AlertText t = AlertTexts.render(
                AlertScenarios.bridgeStrain().steps().get(0),
                Language.ENGLISH,
                AlertScenarios.bridgeStrain().place());
        assertThat(t.headline())
                .isEqualTo("Please inspect the bridge: strain 412 µm/m at Feld 2, Pfeiler P2, Ruhrbrücke Schwerte"
                        + " (limit 400 µm/m)");
        assertThat(t.facts()).contains(new AlertText.Fact("Severity", "Warning"));
    }

    @Test
    void fallsBackToTheTitleForAStepWithoutATemplateOfItsOwn() {
        AlertNotification silent = new AlertNotification(
                9,
                "raised",
                AlertScenarios.T,
                "gw",
                "s",
                "site",
                "school",
                "room-1.co2",
                null,
                null,
                "sensor-silent",
                "server",
                "warning",
                "warning",
                "raised",
                null,
                null,
                "silent for 10 min",
                null);
        AlertText t = AlertTexts.render(
                silent, Language.GERMAN, new PlaceNames.Place("Schule", "Raum 1", AlertScenarios.BERLIN));
        assertThat(t.headline()).isEqualTo("Sensor sendet keine Werte: Raum 1, Schule");
    }

    @Test
    void aTestMessageSaysWhoSentItAndThatItArrived() {
        AlertNotification test = new AlertNotification(
                0,
                "test",
                AlertScenarios.T,
                "test",
                "test-1",
                "test",
                "school",
                null,
                null,
                null,
                "test",
                "server",
                "info",
                "info",
                "raised",
                null,
                null,
                "Test message",
                "eng-1");
        AlertText t =
                AlertTexts.render(test, Language.GERMAN, new PlaceNames.Place("test", "test", AlertScenarios.BERLIN));
        assertThat(t.subject())
                .isEqualTo("[Hinweis] Testnachricht von DOS IoT, gesendet von eng-1: Dieses Abo erreicht sein Ziel.");
    }

    @Test
    void aStepKindWithoutTemplatesReadsAsItsTitleAndPlace() {
        AlertNotification escalated = new AlertNotification(
                5,
                "escalated",
                AlertScenarios.T,
                "gw",
                "s",
                "site",
                "school",
                null,
                null,
                null,
                "gateway-offline",
                "server",
                "critical",
                "critical",
                "raised",
                null,
                null,
                "offline",
                null);
        AlertText t = AlertTexts.render(
                escalated, Language.ENGLISH, new PlaceNames.Place("School", "School", AlertScenarios.BERLIN));
        assertThat(t.headline()).isEqualTo("Gateway offline: School, School (active)");
    }

    @Test
    void bothLanguagesHoldTheSameTemplates() throws IOException {
        assertThat(keys(Language.ENGLISH)).isEqualTo(keys(Language.GERMAN));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyTemplateUsesOnlyKnownPlaceholdersAndExistingPageWords(Language language) throws IOException {
        Properties p = bundle(language);
        Words pages = Words.pages(language);
        Pattern placeholder = Pattern.compile("\\{([a-zA-Z0-9]*)}");
        for (String key : p.stringPropertyNames()) {
            String text = p.getProperty(key);
            if (text.startsWith("@")) {
                assertThat(pages.has(text.substring(1)))
                        .as(key + " names " + text)
                        .isTrue();
                continue;
            }
            Matcher m = placeholder.matcher(text);
            while (m.find()) {
                assertThat(PLACEHOLDERS).as(key + ": {" + m.group(1) + "}").contains(m.group(1));
            }
        }
    }

    @Test
    void anUnknownPlaceholderFailsNamingTheTemplateAndThePlaceholder() {
        Words de = Words.of(AlertTexts.BUNDLE, Language.GERMAN);
        Words pages = Words.pages(Language.GERMAN);
        assertThatThrownBy(() -> AlertTexts.fill(de, pages, "raised.default", Map.of("title", "x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'raised.default'")
                .hasMessageContaining("{room}");
    }

    static String render(AlertScenarios.Scenario s, Language language) {
        StringBuilder out = new StringBuilder();
        for (AlertNotification step : s.steps()) {
            AlertText t = AlertTexts.render(step, language, s.place());
            out.append("=== ").append(step.kind()).append(" ===\n");
            out.append("Subject: ").append(t.subject()).append("\n\n");
            out.append(t.plain()).append('\n');
        }
        return out.toString();
    }

    private static Set<String> keys(Language language) throws IOException {
        return new TreeSet<>(bundle(language).stringPropertyNames());
    }

    private static Properties bundle(Language language) throws IOException {
        Properties p = new Properties();
        try (InputStream in =
                AlertTextsTest.class.getResourceAsStream("/alerts/texts_" + language.tag() + ".properties")) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
