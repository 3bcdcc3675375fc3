package io.mcpbridge.dr.backup.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Redis glob patterns ({@code *}, {@code ?}, {@code [abc]}, {@code [a-z]}, {@code [^a]}, backslash escapes)
 * matched client-side, because SCAN takes only one MATCH pattern and it selects rather than skips.
 */
public final class KeyPatterns {

    private final List<Pattern> patterns;

    public KeyPatterns(List<String> globs) {
        this.patterns = globs.stream().filter(glob -> !glob.isBlank()).map(KeyPatterns::compile).toList();
    }

    /** Whether the key matches any of the patterns. */
    public boolean matches(byte[] key) {
        if (patterns.isEmpty()) {
            return false;
        }
        String text = new String(key, StandardCharsets.ISO_8859_1); // one char per byte, like Redis
        for (Pattern pattern : patterns) {
            if (pattern.matcher(text).matches()) {
                return true;
            }
        }
        return false;
    }

    static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        byte[] bytes = glob.getBytes(StandardCharsets.UTF_8);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '\\' -> {
                    if (i + 1 < text.length()) {
                        regex.append(Pattern.quote(String.valueOf(text.charAt(++i))));
                    }
                }
                case '[' -> {
                    int end = text.indexOf(']', i + 1);
                    if (end < 0) {
                        regex.append("\\[");
                    } else {
                        String set = text.substring(i + 1, end);
                        boolean negate = set.startsWith("^");
                        regex.append('[').append(negate ? "^" : "")
                                .append(set.substring(negate ? 1 : 0).replace("\\", "\\\\").replace("[", "\\["))
                                .append(']');
                        i = end;
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
