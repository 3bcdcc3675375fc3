package io.mcpbridge.dr.testing.stub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;

/** Builds Slack messages and Block Kit blocks for the stub tests, valid unless a test makes them otherwise. */
final class SlackMessages {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode message = NODES.objectNode();

    private SlackMessages() {}

    static SlackMessages message(String text) {
        SlackMessages built = new SlackMessages();
        built.message.put("text", text);
        return built;
    }

    static SlackMessages withoutText() {
        return new SlackMessages();
    }

    SlackMessages set(String field, String value) {
        message.put(field, value);
        return this;
    }

    SlackMessages block(ObjectNode block) {
        blocks().add(block);
        return this;
    }

    SlackMessages blocks(int count, Supplier<ObjectNode> block) {
        for (int i = 0; i < count; i++) {
            blocks().add(block.get());
        }
        return this;
    }

    String json() {
        return message.toString();
    }

    private ArrayNode blocks() {
        return message.has("blocks") ? (ArrayNode) message.get("blocks") : message.putArray("blocks");
    }

    static ObjectNode header(String text) {
        ObjectNode block = blockOfType("header");
        block.set("text", textObject("plain_text", text));
        return block;
    }

    static ObjectNode mrkdwnHeader(String text) {
        ObjectNode block = blockOfType("header");
        block.set("text", textObject("mrkdwn", text));
        return block;
    }

    static ObjectNode section(String mrkdwn) {
        ObjectNode block = blockOfType("section");
        block.set("text", textObject("mrkdwn", mrkdwn));
        return block;
    }

    /** A section of {@code count} fields, each {@code length} characters long. */
    static ObjectNode fieldsSection(int count, int length) {
        ObjectNode block = blockOfType("section");
        ArrayNode fields = block.putArray("fields");
        for (int i = 0; i < count; i++) {
            fields.add(textObject("mrkdwn", chars(length)));
        }
        return block;
    }

    static ObjectNode divider() {
        return blockOfType("divider");
    }

    static ObjectNode context(int elements) {
        ObjectNode block = blockOfType("context");
        ArrayNode list = block.putArray("elements");
        for (int i = 0; i < elements; i++) {
            list.add(textObject("mrkdwn", "context " + i));
        }
        return block;
    }

    /** An actions block of {@code count} small buttons. */
    static ObjectNode actions(int count) {
        ObjectNode[] buttons = new ObjectNode[count];
        for (int i = 0; i < count; i++) {
            buttons[i] = button("Open " + i, "https://example.com/" + i);
        }
        return actions(buttons);
    }

    static ObjectNode actions(ObjectNode... buttons) {
        ObjectNode block = blockOfType("actions");
        ArrayNode elements = block.putArray("elements");
        for (ObjectNode button : buttons) {
            elements.add(button);
        }
        return block;
    }

    static ObjectNode button(String text, String url) {
        ObjectNode button = NODES.objectNode();
        button.put("type", "button");
        button.set("text", textObject("plain_text", text));
        button.put("url", url);
        return button;
    }

    static ObjectNode withBlockId(ObjectNode block, String blockId) {
        block.put("block_id", blockId);
        return block;
    }

    /** A block with nothing but its type, such as a divider or a type the stub does not know. */
    static ObjectNode blockOfType(String type) {
        ObjectNode block = NODES.objectNode();
        block.put("type", type);
        return block;
    }

    /** A string of exactly {@code length} characters. */
    static String chars(int length) {
        return "x".repeat(length);
    }

    private static ObjectNode textObject(String type, String text) {
        ObjectNode object = NODES.objectNode();
        object.put("type", type);
        object.put("text", text);
        return object;
    }
}
