package de.dos2030.iot.collector.alerts.templates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link AlertText} as the JSON body a chat webhook expects, as plain maps and lists for the JSON mapper:
 * Matrix's {@code m.room.message} content, and a Microsoft Teams message carrying an Adaptive Card (what Teams
 * Workflows' "when a webhook request is received" posts to a channel; the older Office 365 connectors with
 * their MessageCard are being retired by Microsoft).
 */
public final class ChatMessages {
    static final String ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive";

    private ChatMessages() {}

    /**
     * An {@code m.room.message} event's content: {@code msgtype m.text}, the plain text as {@code body}, and an
     * HTML rendering ({@code org.matrix.custom.html}) with the headline in bold.
     */
    public static Map<String, Object> matrix(AlertText t) {
        StringBuilder html =
                new StringBuilder("<p><strong>").append(html(t.headline())).append("</strong></p>");
        if (t.advice() != null) {
            html.append("<p>").append(html(t.advice())).append("</p>");
        }
        html.append("<ul>");
        for (AlertText.Fact f : t.facts()) {
            html.append("<li>")
                    .append(html(f.label()))
                    .append(": ")
                    .append(html(f.value()))
                    .append("</li>");
        }
        html.append("</ul>");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("msgtype", "m.text");
        m.put("body", t.plain());
        m.put("format", "org.matrix.custom.html");
        m.put("formatted_body", html.toString());
        return m;
    }

    /**
     * A Teams message with one Adaptive Card (schema 1.4): the headline as a bold, wrapping text block, coloured
     * "attention" when {@code critical}, the advice, and the facts as a fact set. Colour is never all that
     * says it: the headline's text does too.
     */
    public static Map<String, Object> teams(AlertText t, boolean critical) {
        List<Object> body = new ArrayList<>();
        body.add(textBlock(t.headline(), true, critical ? "attention" : "default"));
        if (t.advice() != null) {
            body.add(textBlock(t.advice(), false, "default"));
        }
        List<Object> facts = new ArrayList<>();
        for (AlertText.Fact f : t.facts()) {
            facts.add(Map.of("title", f.label(), "value", f.value()));
        }
        body.add(Map.of("type", "FactSet", "facts", facts));
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.put("body", body);
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("contentType", ADAPTIVE_CARD);
        attachment.put("content", card);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "message");
        message.put("summary", t.headline());
        message.put("attachments", List.of(attachment));
        return message;
    }

    private static Map<String, Object> textBlock(String text, boolean bold, String color) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("type", "TextBlock");
        b.put("text", text);
        b.put("wrap", true);
        if (bold) {
            b.put("weight", "bolder");
            b.put("size", "medium");
        }
        b.put("color", color);
        return b;
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
