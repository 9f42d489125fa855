package de.dos2030.iot.collector.alerts.templates;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.words.Language;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chat presets' bodies as a Matrix client and Teams read them, after a trip through the JSON mapper. */
class ChatMessagesTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private static AlertText co2Raised(Language language) {
        AlertScenarios.Scenario s = AlertScenarios.classroomCo2();
        return AlertTexts.render(s.steps().get(0), language, s.place());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> roundTrip(Map<String, Object> body) throws IOException {
        return JSON.readValue(JSON.writeValueAsBytes(body), Map.class);
    }

    @Test
    void matrixGetsAnMRoomMessageWithPlainBodyAndEscapedHtml() throws IOException {
        AlertText t =
                new AlertText("CO2 <script> & \"more\"", null, "s", List.of(new AlertText.Fact("Wert", "1.850 ppm")));
        Map<String, Object> m = roundTrip(ChatMessages.matrix(t));
        assertThat(m).containsEntry("msgtype", "m.text").containsEntry("format", "org.matrix.custom.html");
        assertThat(m.get("body")).isEqualTo(t.plain());
        assertThat((String) m.get("formatted_body"))
                .startsWith("<p><strong>CO2 &lt;script&gt; &amp; &quot;more&quot;</strong></p>")
                .contains("<li>Wert: 1.850 ppm</li>")
                .doesNotContain("<script>");
    }

    @Test
    void matrixBodyIsTheGermanTextForAGermanSubscriber() throws IOException {
        Map<String, Object> m = roundTrip(ChatMessages.matrix(co2Raised(Language.GERMAN)));
        assertThat((String) m.get("body")).startsWith("Bitte jetzt lüften: CO2 1.850 ppm in Raum 204");
    }

    @Test
    @SuppressWarnings("unchecked")
    void teamsGetsAMessageWithOneAdaptiveCardOfHeadlineAdviceAndFacts() throws IOException {
        AlertText t = co2Raised(Language.ENGLISH);
        Map<String, Object> m = roundTrip(ChatMessages.teams(t, true));
        assertThat(m).containsEntry("type", "message").containsEntry("summary", t.headline());
        List<Map<String, Object>> attachments = (List<Map<String, Object>>) m.get("attachments");
        assertThat(attachments).hasSize(1);
        assertThat(attachments.get(0)).containsEntry("contentType", "application/vnd.microsoft.card.adaptive");
        Map<String, Object> card = (Map<String, Object>) attachments.get(0).get("content");
        assertThat(card)
                .containsEntry("type", "AdaptiveCard")
                .containsEntry("version", "1.4")
                .containsEntry("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        List<Map<String, Object>> body = (List<Map<String, Object>>) card.get("body");
        assertThat(body).extracting(b -> b.get("type")).containsExactly("TextBlock", "TextBlock", "FactSet");
        assertThat(body.get(0))
                .containsEntry("text", t.headline())
                .containsEntry("weight", "bolder")
                .containsEntry("color", "attention")
                .containsEntry("wrap", true);
        assertThat(body.get(1)).containsEntry("text", t.advice());
        List<Map<String, Object>> facts =
                (List<Map<String, Object>>) body.get(2).get("facts");
        assertThat(facts).hasSize(t.facts().size());
        assertThat(facts).contains(Map.of("title", "Value", "value", "1,850 ppm"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void teamsColoursOnlyCriticalHeadlinesAndLeavesOutMissingAdvice() throws IOException {
        AlertText t = new AlertText("h", null, "s", List.of());
        Map<String, Object> card = (Map<String, Object>) ((List<Map<String, Object>>)
                        roundTrip(ChatMessages.teams(t, false)).get("attachments"))
                .get(0)
                .get("content");
        List<Map<String, Object>> body = (List<Map<String, Object>>) card.get("body");
        assertThat(body).extracting(b -> b.get("type")).containsExactly("TextBlock", "FactSet");
        assertThat(body.get(0)).containsEntry("color", "default");
    }
}
