package io.mcpbridge.dr.testing.stub;

import static io.mcpbridge.dr.testing.stub.JsonText.isNonBlank;
import static io.mcpbridge.dr.testing.stub.JsonText.isPresent;
import static io.mcpbridge.dr.testing.stub.JsonText.length;
import static io.mcpbridge.dr.testing.stub.JsonText.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What Slack rejects in a message (specs/slack-webhook.md and the Block Kit limits). Block types it does
 * not know are let through: Slack adds types over time and the notifier may use them.
 */
final class SlackMessageRules {

    static final int MAX_BLOCKS = 50;
    static final int MAX_HEADER_TEXT = 150;
    static final int MAX_SECTION_TEXT = 3000;
    static final int MAX_SECTION_FIELDS = 10;
    static final int MAX_FIELD_TEXT = 2000;
    static final int MAX_BLOCK_ID = 255;
    static final int MAX_CONTEXT_ELEMENTS = 10;
    static final int MAX_ACTIONS_ELEMENTS = 25;
    static final int MAX_BUTTON_TEXT = 75;
    static final int MAX_BUTTON_URL = 3000;

    private SlackMessageRules() {}

    /** {@code text} must be there: it is the notification fallback, and Slack answers {@code no_text} without it. */
    static List<String> textViolations(JsonNode message) {
        return isNonBlank(message.path("text"))
                ? List.of()
                : List.of("text is missing or blank (it is the notification fallback)");
    }

    static List<String> blockViolations(JsonNode message) {
        JsonNode blocks = message.path("blocks");
        if (!isPresent(blocks)) {
            return List.of();
        }
        if (!blocks.isArray()) {
            return List.of("blocks is not an array");
        }
        List<String> violations = new ArrayList<>();
        if (blocks.size() > MAX_BLOCKS) {
            violations.add("blocks has " + blocks.size() + " blocks, at most " + MAX_BLOCKS);
        }
        for (int i = 0; i < blocks.size(); i++) {
            checkBlock("blocks[" + i + "]", blocks.get(i), violations);
        }
        return violations;
    }

    private static void checkBlock(String where, JsonNode block, List<String> violations) {
        if (!block.isObject()) {
            violations.add(where + " is not an object");
            return;
        }
        String type = string(block.path("type"));
        if (type == null) {
            violations.add(where + " has no type");
            return;
        }
        String blockId = string(block.path("block_id"));
        if (blockId != null && length(blockId) > MAX_BLOCK_ID) {
            violations.add(where + " block_id is " + length(blockId) + " characters, at most " + MAX_BLOCK_ID);
        }
        switch (type) {
            case "header" -> checkHeader(where, block, violations);
            case "section" -> checkSection(where, block, violations);
            case "context" -> checkElementCount(where, "context", block, MAX_CONTEXT_ELEMENTS, violations);
            case "actions" -> checkActions(where, block, violations);
            default -> {
                // Other block types (divider, image, rich_text, new ones) have no limit checked here.
            }
        }
    }

    private static void checkHeader(String where, JsonNode block, List<String> violations) {
        JsonNode text = block.path("text");
        if (!"plain_text".equals(string(text.path("type")))) {
            violations.add(where + " header text must be a plain_text object");
        }
        checkLength(where + " header text", text.path("text"), MAX_HEADER_TEXT, violations);
    }

    private static void checkSection(String where, JsonNode block, List<String> violations) {
        JsonNode text = block.path("text");
        JsonNode fields = block.path("fields");
        if (!isPresent(text) && !isPresent(fields)) {
            violations.add(where + " section needs text or fields");
        }
        checkLength(where + " section text", text.path("text"), MAX_SECTION_TEXT, violations);
        if (!isPresent(fields)) {
            return;
        }
        if (!fields.isArray()) {
            violations.add(where + " section fields is not an array");
            return;
        }
        if (fields.size() > MAX_SECTION_FIELDS) {
            violations.add(where + " section has " + fields.size() + " fields, at most " + MAX_SECTION_FIELDS);
        }
        for (int i = 0; i < fields.size(); i++) {
            checkLength(where + " fields[" + i + "] text", fields.get(i).path("text"), MAX_FIELD_TEXT, violations);
        }
    }

    private static void checkActions(String where, JsonNode block, List<String> violations) {
        checkElementCount(where, "actions", block, MAX_ACTIONS_ELEMENTS, violations);
        JsonNode elements = block.path("elements");
        if (!elements.isArray()) {
            return;
        }
        for (int i = 0; i < elements.size(); i++) {
            JsonNode element = elements.get(i);
            if (!"button".equals(string(element.path("type")))) {
                continue;
            }
            String button = where + " elements[" + i + "] button";
            checkLength(button + " text", element.path("text").path("text"), MAX_BUTTON_TEXT, violations);
            checkLength(button + " url", element.path("url"), MAX_BUTTON_URL, violations);
        }
    }

    private static void checkElementCount(String where, String type, JsonNode block, int max, List<String> violations) {
        JsonNode elements = block.path("elements");
        if (elements.isArray() && elements.size() > max) {
            violations.add(where + " " + type + " has " + elements.size() + " elements, at most " + max);
        }
    }

    private static void checkLength(String what, JsonNode node, int max, List<String> violations) {
        String value = string(node);
        if (value != null && length(value) > max) {
            violations.add(what + " is " + length(value) + " characters, at most " + max);
        }
    }
}
