package io.mcpbridge.dr.notifier.channel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.notify.NotificationLink;
import io.mcpbridge.dr.notifier.template.NotificationView;
import java.time.Instant;

/**
 * PagerDuty Events API v2 bodies ({@code specs/pagerduty-events-v2.md}): trigger and resolve with
 * {@code dedup_key} = incident id, and change events. Lengths are kept within PagerDuty's limits.
 */
public final class PagerDutyEvents {

    static final int MAX_SUMMARY = 1024;
    static final int MAX_DEDUP_KEY = 255;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PagerDutyEvents() {}

    public static ObjectNode trigger(String routingKey, NotificationView view) {
        ObjectNode event = base(routingKey, "trigger", view);
        ObjectNode payload = event.putObject("payload");
        payload.put("summary", summary(view));
        payload.put("source", "mcp-dr/" + view.component());
        payload.put("severity", severity(view.request().severity()));
        Instant started = view.request().startedAt();
        if (started != null) {
            payload.put("timestamp", started.toString());
        }
        payload.put("component", view.component());
        payload.put("group", "mcp-bridge");
        payload.put("class", view.request().kind().name());
        ObjectNode details = payload.putObject("custom_details");
        view.fields().forEach(details::put);
        links(event, view);
        event.put("client", "MCP Bridge DR");
        return event;
    }

    public static ObjectNode resolve(String routingKey, NotificationView view) {
        return base(routingKey, "resolve", view);
    }

    /** A change event (backup, restore, drill): informational, pages no one. */
    public static ObjectNode change(String routingKey, NotificationView view) {
        ObjectNode event = JSON.objectNode().put("routing_key", routingKey);
        ObjectNode payload = event.putObject("payload");
        payload.put("summary", summary(view));
        payload.put("source", "mcp-dr/" + view.component());
        payload.put(
                "timestamp",
                (view.request().requestedAt() == null
                                ? Instant.now()
                                : view.request().requestedAt())
                        .toString());
        ObjectNode details = payload.putObject("custom_details");
        view.fields().forEach(details::put);
        links(event, view);
        return event;
    }

    private static ObjectNode base(String routingKey, String action, NotificationView view) {
        return JSON.objectNode()
                .put("routing_key", routingKey)
                .put("event_action", action)
                .put("dedup_key", TextLimits.cut(view.incidentId(), MAX_DEDUP_KEY));
    }

    private static String summary(NotificationView view) {
        return TextLimits.cut("[" + view.severity() + "] " + view.component() + ": " + view.summary(), MAX_SUMMARY);
    }

    private static void links(ObjectNode event, NotificationView view) {
        if (view.links().isEmpty()) {
            return;
        }
        ArrayNode links = event.putArray("links");
        for (NotificationLink link : view.links()) {
            links.addObject().put("href", link.url()).put("text", link.text() == null ? link.url() : link.text());
        }
    }

    /** The plan's severities on PagerDuty's scale. */
    static String severity(Severity severity) {
        if (severity == null) {
            return "warning";
        }
        return switch (severity) {
            case CRITICAL -> "critical";
            case HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "info";
        };
    }
}
