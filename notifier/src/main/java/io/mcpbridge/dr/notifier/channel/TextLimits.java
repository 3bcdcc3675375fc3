package io.mcpbridge.dr.notifier.channel;

/** Text that must fit a field of a channel's API: cut, with a visible marker, never rejected. */
final class TextLimits {

    static final String CUT = "… (truncated)";

    private TextLimits() {}

    /** The text within {@code max} characters, ending in a visible marker when it had to be cut. */
    static String cut(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, max - CUT.length()) + CUT;
    }
}
