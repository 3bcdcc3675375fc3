package io.mcpbridge.dr.testing.stub;

import static io.mcpbridge.dr.testing.stub.JsonText.isNonBlank;
import static io.mcpbridge.dr.testing.stub.JsonText.isPresent;
import static io.mcpbridge.dr.testing.stub.JsonText.length;
import static io.mcpbridge.dr.testing.stub.JsonText.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the PagerDuty Events API v2 rejects (specs/pagerduty-events-v2.md), for alert events
 * ({@code /v2/enqueue}) and change events ({@code /v2/change/enqueue}).
 */
final class PagerDutyEventRules {

    static final int ROUTING_KEY_LENGTH = 32;
    static final int MAX_DEDUP_KEY = 255;
    static final int MAX_SUMMARY = 1024;
    static final int MAX_EVENT_BYTES = 512 * 1024;
    static final Set<String> EVENT_ACTIONS = Set.of("trigger", "acknowledge", "resolve");
    static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

    /** PagerDuty's own examples write offsets without a colon ({@code 2015-07-17T08:42:58.315+0000}). */
    private static final DateTimeFormatter OFFSET_WITHOUT_COLON = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendOffset("+HHMM", "Z")
            .toFormatter();

    private PagerDutyEventRules() {}

    static List<String> alertViolations(int bodyBytes, JsonNode event) {
        List<String> violations = commonViolations(bodyBytes, event);
        if (!event.isObject()) {
            return violations;
        }
        String action = string(event.path("event_action"));
        if (action == null) {
            violations.add("event_action is required (trigger, acknowledge or resolve)");
        } else if (!EVENT_ACTIONS.contains(action)) {
            violations.add("event_action '" + action + "' is not trigger, acknowledge or resolve");
        }
        checkDedupKey(event.path("dedup_key"), action, violations);
        if ("trigger".equals(action)) {
            checkTriggerPayload(event.path("payload"), violations);
        }
        checkImages(event.path("images"), violations);
        return violations;
    }

    static List<String> changeViolations(int bodyBytes, JsonNode event) {
        List<String> violations = commonViolations(bodyBytes, event);
        if (!event.isObject()) {
            return violations;
        }
        JsonNode payload = event.path("payload");
        if (!payload.isObject()) {
            violations.add("payload is required");
            return violations;
        }
        checkSummary(payload.path("summary"), violations);
        checkTimestamp(payload.path("timestamp"), violations);
        return violations;
    }

    /** Size, JSON object, routing key and links: the same for both kinds of event. */
    private static List<String> commonViolations(int bodyBytes, JsonNode event) {
        List<String> violations = new ArrayList<>();
        if (bodyBytes > MAX_EVENT_BYTES) {
            violations.add("event is " + bodyBytes + " bytes, at most " + MAX_EVENT_BYTES + " (512 KB)");
        }
        if (event.isMissingNode()) {
            violations.add("body is not JSON");
            return violations;
        }
        if (!event.isObject()) {
            violations.add("body is not a JSON object");
            return violations;
        }
        String routingKey = string(event.path("routing_key"));
        if (routingKey == null || routingKey.isBlank()) {
            violations.add("routing_key is required");
        } else if (routingKey.length() != ROUTING_KEY_LENGTH) {
            violations.add("routing_key must be " + ROUTING_KEY_LENGTH + " characters, got " + routingKey.length());
        }
        checkLinks(event.path("links"), violations);
        return violations;
    }

    private static void checkDedupKey(JsonNode dedupKey, String action, List<String> violations) {
        boolean needed = "acknowledge".equals(action) || "resolve".equals(action);
        if (!isPresent(dedupKey)) {
            if (needed) {
                violations.add("dedup_key is required to " + action);
            }
            return;
        }
        String value = string(dedupKey);
        if (value == null) {
            violations.add("dedup_key must be a string");
        } else if (length(value) > MAX_DEDUP_KEY) {
            violations.add("dedup_key is " + length(value) + " characters, at most " + MAX_DEDUP_KEY);
        } else if (needed && value.isBlank()) {
            violations.add("dedup_key is required to " + action);
        }
    }

    private static void checkTriggerPayload(JsonNode payload, List<String> violations) {
        if (!payload.isObject()) {
            violations.add("payload is required for trigger");
            return;
        }
        checkSummary(payload.path("summary"), violations);
        if (!isNonBlank(payload.path("source"))) {
            violations.add("payload.source is required");
        }
        String severity = string(payload.path("severity"));
        if (severity == null) {
            violations.add("payload.severity is required (critical, error, warning or info)");
        } else if (!SEVERITIES.contains(severity)) {
            violations.add("payload.severity '" + severity + "' is not critical, error, warning or info");
        }
        checkTimestamp(payload.path("timestamp"), violations);
    }

    private static void checkSummary(JsonNode summary, List<String> violations) {
        String value = string(summary);
        if (value == null || value.isBlank()) {
            violations.add("payload.summary is required");
        } else if (length(value) > MAX_SUMMARY) {
            violations.add("payload.summary is " + length(value) + " characters, at most " + MAX_SUMMARY);
        }
    }

    private static void checkTimestamp(JsonNode timestamp, List<String> violations) {
        if (!isPresent(timestamp)) {
            return;
        }
        String value = string(timestamp);
        if (value == null || !isIso8601(value)) {
            violations.add("payload.timestamp " + timestamp + " is not an ISO 8601 date-time with an offset");
        }
    }

    private static boolean isIso8601(String value) {
        try {
            OffsetDateTime.parse(value);
            return true;
        } catch (DateTimeParseException notWithColonOffset) {
            // try the other forms
        }
        try {
            OffsetDateTime.parse(value, OFFSET_WITHOUT_COLON);
            return true;
        } catch (DateTimeParseException notWithoutColon) {
            // try the other form
        }
        try {
            Instant.parse(value);
            return true;
        } catch (DateTimeParseException notAnInstant) {
            return false;
        }
    }

    private static void checkLinks(JsonNode links, List<String> violations) {
        if (!isPresent(links)) {
            return;
        }
        if (!links.isArray()) {
            violations.add("links is not an array");
            return;
        }
        for (int i = 0; i < links.size(); i++) {
            if (!isNonBlank(links.get(i).path("href"))) {
                violations.add("links[" + i + "] has no href");
            }
        }
    }

    private static void checkImages(JsonNode images, List<String> violations) {
        if (!isPresent(images)) {
            return;
        }
        if (!images.isArray()) {
            violations.add("images is not an array");
            return;
        }
        for (int i = 0; i < images.size(); i++) {
            String src = string(images.get(i).path("src"));
            if (src == null || !src.startsWith("https://")) {
                violations.add("images[" + i + "].src must be an https URL");
            }
        }
    }
}
