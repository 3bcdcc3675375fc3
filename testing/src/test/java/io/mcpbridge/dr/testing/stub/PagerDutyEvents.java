package io.mcpbridge.dr.testing.stub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds PagerDuty Events API v2 bodies for the stub tests, valid unless a test makes them otherwise. */
final class PagerDutyEvents {

    static final String ROUTING_KEY = "0123456789abcdef0123456789abcdef";

    private final ObjectNode event = JsonNodeFactory.instance.objectNode();

    private PagerDutyEvents() {
        event.put("routing_key", ROUTING_KEY);
    }

    /** A trigger with summary, source and severity. */
    static PagerDutyEvents trigger(String dedupKey) {
        PagerDutyEvents built = alert("trigger", dedupKey);
        built.payload("summary", "MCP Bridge gateway is down")
                .payload("source", "mcp-bridge-gateway")
                .payload("severity", "critical");
        return built;
    }

    static PagerDutyEvents acknowledge(String dedupKey) {
        return alert("acknowledge", dedupKey);
    }

    static PagerDutyEvents resolve(String dedupKey) {
        return alert("resolve", dedupKey);
    }

    static PagerDutyEvents change(String summary) {
        return new PagerDutyEvents().payload("summary", summary).payload("source", "dr-drill");
    }

    PagerDutyEvents set(String field, String value) {
        event.put(field, value);
        return this;
    }

    PagerDutyEvents without(String field) {
        event.remove(field);
        return this;
    }

    PagerDutyEvents payload(String field, String value) {
        payload().put(field, value);
        return this;
    }

    PagerDutyEvents withoutPayload(String field) {
        payload().remove(field);
        return this;
    }

    /** Adds a link; a {@code null} href leaves it out. */
    PagerDutyEvents link(String href) {
        ArrayNode links = event.has("links") ? (ArrayNode) event.get("links") : event.putArray("links");
        ObjectNode link = links.addObject();
        if (href != null) {
            link.put("href", href);
        }
        link.put("text", "Runbook");
        return this;
    }

    PagerDutyEvents image(String src) {
        ObjectNode image = event.putArray("images").addObject();
        image.put("src", src);
        return this;
    }

    PagerDutyEvents customDetail(String key, String value) {
        ObjectNode details = payload().has("custom_details")
                ? (ObjectNode) payload().get("custom_details")
                : payload().putObject("custom_details");
        details.put(key, value);
        return this;
    }

    String json() {
        return event.toString();
    }

    private static PagerDutyEvents alert(String action, String dedupKey) {
        PagerDutyEvents built = new PagerDutyEvents();
        built.event.put("event_action", action);
        built.event.put("dedup_key", dedupKey);
        return built;
    }

    private ObjectNode payload() {
        return event.has("payload") ? (ObjectNode) event.get("payload") : event.putObject("payload");
    }
}
