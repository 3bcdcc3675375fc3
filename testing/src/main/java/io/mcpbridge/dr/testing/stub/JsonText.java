package io.mcpbridge.dr.testing.stub;

import com.fasterxml.jackson.databind.JsonNode;

/** Small readers of JSON fields shared by the request checks. */
final class JsonText {

    private JsonText() {}

    /** The node's string, or {@code null} when it is absent or not a string. */
    static String string(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    /** Whether the node is a string with something other than white space in it. */
    static boolean isNonBlank(JsonNode node) {
        String value = string(node);
        return value != null && !value.isBlank();
    }

    /** Whether a field was sent at all (an explicit JSON {@code null} counts as not sent). */
    static boolean isPresent(JsonNode node) {
        return node != null && !node.isMissingNode() && !node.isNull();
    }

    /** Length in code points, so an emoji counts as one character, not two. */
    static int length(String value) {
        return value.codePointCount(0, value.length());
    }
}
