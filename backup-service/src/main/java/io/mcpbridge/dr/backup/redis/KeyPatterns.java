package io.mcpbridge.dr.backup.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Redis glob patterns ({@code *}, {@code ?}, {@code [abc]}, {@code [a-z]}, {@code [^a]}, backslash escapes)
 * matched client-side, because SCAN takes only one MATCH pattern and it selects rather than skips.
 */
public final class KeyPatterns {

    private final List<byte[]> prefixes;
    private final List<Pattern> patterns;

    public KeyPatterns(List<String> globs) {
        List<String> used = globs.stream().filter(glob -> !glob.isBlank()).toList();
        // "prefix*" with no other special character, the usual case, is a byte comparison: no regex per key.
        this.prefixes = used.stream()
                .filter(KeyPatterns::isPrefix)
                .map(glob -> glob.substring(0, glob.length() - 1).getBytes(StandardCharsets.UTF_8))
                .toList();
        this.patterns = used.stream()
                .filter(glob -> !isPrefix(glob))
                .map(KeyPatterns::compile)
                .toList();
    }

    /** Whether the key matches any of the patterns. */
    public boolean matches(byte[] key) {
        for (byte[] prefix : prefixes) {
            if (key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)) {
                return true;
            }
        }
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

    private static boolean isPrefix(String glob) {
        String head = glob.substring(0, glob.length() - 1);
        return glob.endsWith("*") && head.chars().noneMatch(c -> c == '*' || c == '?' || c == '[' || c == '\\');
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
                        regex.append('[')
                                .append(negate ? "^" : "")
                                .append(set.substring(negate ? 1 : 0)
                                        .replace("\\", "\\\\")
                                        .replace("[", "\\["))
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
