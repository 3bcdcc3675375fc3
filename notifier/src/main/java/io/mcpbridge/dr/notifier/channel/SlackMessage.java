package io.mcpbridge.dr.notifier.channel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.dr.events.notify.NotificationLink;
import io.mcpbridge.dr.notifier.template.NotificationView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A notification as a Slack Block Kit message that always fits Slack's limits
 * ({@code specs/slack-webhook.md}): header, summary section, fields in sections of ten, link buttons,
 * and a context line. Whatever is too long is cut with a visible marker, never rejected; the {@code text}
 * fallback is always present.
 */
public final class SlackMessage {

    static final int MAX_BLOCKS = 50;
    static final int MAX_HEADER = 150;
    static final int MAX_SECTION_TEXT = 3000;
    static final int MAX_FIELDS = 10;
    static final int MAX_FIELD_TEXT = 2000;
    static final int MAX_BUTTONS = 25;
    static final int MAX_BUTTON_TEXT = 75;
    static final int MAX_URL = 3000;
    /** The fallback shows in notifications and on clients without blocks; Slack truncates past 40,000. */
    static final int MAX_FALLBACK = 3000;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SlackMessage() {}

    /** The webhook payload. */
    public static ObjectNode message(NotificationView view, String plainText) {
        ObjectNode message = JSON.objectNode();
        message.put("text", TextLimits.cut(plainText, MAX_FALLBACK));
        ArrayNode blocks = message.putArray("blocks");
        List<ObjectNode> all = new ArrayList<>();
        all.add(header(view.title()));
        all.add(section(escape(view.summary())));
        all.addAll(fieldSections(view.fields()));
        ObjectNode actions = actions(view.links());
        ObjectNode context = context("Incident " + escape(view.incidentId()) + " · " + view.severity()
                + " · notification " + escape(view.request().id()));
        // Room for the buttons and the context line, whatever the number of fields.
        int room = MAX_BLOCKS - (actions == null ? 1 : 2);
        all.stream().limit(room).forEach(blocks::add);
        if (actions != null) {
            blocks.add(actions);
        }
        blocks.add(context);
        return message;
    }

    /** One message for many low-severity notifications: a line each, packed into sections, never over the limits. */
    public static ObjectNode digest(List<NotificationView> views, Duration interval) {
        String title =
                "MCP Bridge DR digest: " + views.size() + " low-severity notification" + (views.size() == 1 ? "" : "s");
        List<String> lines = views.stream()
                .map(v -> "• *" + v.request().kind() + "* " + escape(v.component()) + ": "
                        + escape(v.summary()) + " (incident " + escape(v.incidentId()) + " · notification "
                        + escape(v.request().id()) + ")")
                .toList();
        ObjectNode message = JSON.objectNode();
        message.put("text", TextLimits.cut(title + "\n" + String.join("\n", lines), MAX_FALLBACK));
        ArrayNode blocks = message.putArray("blocks");
        blocks.add(header(title));
        StringBuilder section = new StringBuilder();
        int shown = 0;
        for (String line : lines) {
            String fitted = TextLimits.cut(line, MAX_SECTION_TEXT);
            if (section.length() > 0 && section.length() + fitted.length() + 1 > MAX_SECTION_TEXT) {
                if (blocks.size() == MAX_BLOCKS - 2) {
                    break;
                }
                blocks.add(section(section.toString()));
                section.setLength(0);
            }
            section.append(section.length() == 0 ? "" : "\n").append(fitted);
            shown++;
        }
        if (section.length() > 0) {
            blocks.add(section(section.toString()));
        }
        String more =
                shown < lines.size() ? " · " + (lines.size() - shown) + " more not shown (see the notifier's log)" : "";
        blocks.add(context("Low-severity notifications are sent together every " + interval + more));
        return message;
    }

    private static ObjectNode header(String title) {
        ObjectNode block = JSON.objectNode().put("type", "header");
        block.putObject("text").put("type", "plain_text").put("text", TextLimits.cut(title, MAX_HEADER));
        return block;
    }

    private static ObjectNode section(String text) {
        ObjectNode block = JSON.objectNode().put("type", "section");
        block.putObject("text").put("type", "mrkdwn").put("text", TextLimits.cut(text, MAX_SECTION_TEXT));
        return block;
    }

    private static List<ObjectNode> fieldSections(Map<String, String> fields) {
        List<ObjectNode> sections = new ArrayList<>();
        ArrayNode current = null;
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (current == null || current.size() == MAX_FIELDS) {
                ObjectNode section = JSON.objectNode().put("type", "section");
                current = section.putArray("fields");
                sections.add(section);
            }
            current.addObject()
                    .put("type", "mrkdwn")
                    .put(
                            "text",
                            TextLimits.cut(
                                    "*" + escape(field.getKey()) + "*\n" + escape(field.getValue()), MAX_FIELD_TEXT));
        }
        return sections;
    }

    private static ObjectNode actions(List<NotificationLink> links) {
        List<NotificationLink> usable = links.stream()
                .filter(l -> l.url().length() <= MAX_URL)
                .limit(MAX_BUTTONS)
                .toList();
        if (usable.isEmpty()) {
            return null;
        }
        ObjectNode block = JSON.objectNode().put("type", "actions");
        ArrayNode elements = block.putArray("elements");
        for (NotificationLink link : usable) {
            ObjectNode button = elements.addObject().put("type", "button").put("url", link.url());
            button.putObject("text")
                    .put("type", "plain_text")
                    .put(
                            "text",
                            TextLimits.cut(
                                    link.text() == null || link.text().isBlank() ? "Open" : link.text(),
                                    MAX_BUTTON_TEXT));
        }
        return block;
    }

    private static ObjectNode context(String text) {
        ObjectNode block = JSON.objectNode().put("type", "context");
        block.putArray("elements")
                .addObject()
                .put("type", "mrkdwn")
                .put("text", TextLimits.cut(text, MAX_SECTION_TEXT));
        return block;
    }

    /**
     * Slack's mrkdwn control characters escaped, as Slack asks: text from alerts must not ping
     * {@code <!channel>} or hide a link behind other words.
     */
    static String escape(String text) {
        return text == null
                ? ""
                : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
