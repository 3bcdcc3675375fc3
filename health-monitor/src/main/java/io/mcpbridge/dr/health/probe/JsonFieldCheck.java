package io.mcpbridge.dr.health.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A check of one field of a JSON health body: equal to a text ({@code healthy == true}) or containing a
 * text. The field is a dotted path such as {@code subsystems.redis.healthy}.
 */
record JsonFieldCheck(String field, Optional<String> equalsText, Optional<String> containsText) {

    JsonFieldCheck {
        if (equalsText.isEmpty() && containsText.isEmpty()) {
            throw new IllegalArgumentException("json-field " + field + " needs json-equals or json-contains");
        }
    }

    /** Why the body fails the check, or empty when it passes. */
    Optional<String> failure(JsonNode body) {
        if (body == null) {
            return Optional.of("body is not JSON, expected field " + field);
        }
        JsonNode node = body;
        for (String part : field.split("\\.")) {
            node = node.path(part);
        }
        if (node.isMissingNode() || node.isNull()) {
            return Optional.of("field " + field + " is missing");
        }
        String actual = node.isValueNode() ? node.asText() : node.toString();
        if (equalsText.isPresent() && !equalsText.get().equals(actual)) {
            return Optional.of(field + " is " + actual + ", expected " + equalsText.get() + message(body));
        }
        if (containsText.isPresent() && !actual.contains(containsText.get())) {
            return Optional.of(field + " does not contain '" + containsText.get() + "'" + message(body));
        }
        return Optional.empty();
    }

    /** MCP Bridge's gateway explains itself in a top-level {@code message}; carry it into the error. */
    private static String message(JsonNode body) {
        JsonNode message = body.path("message");
        return message.isTextual() && !message.asText().isBlank() ? " (" + message.asText() + ")" : "";
    }
}
