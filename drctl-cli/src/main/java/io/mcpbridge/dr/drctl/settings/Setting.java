package io.mcpbridge.dr.drctl.settings;

import java.util.Locale;

/**
 * One setting as drctl resolved it, and where it came from, so that {@code drctl config} can answer "why is it
 * talking to that broker".
 *
 * @param name   the name as in the settings file ({@code bootstrap.servers}, {@code kafka.sasl.mechanism})
 * @param value  the value; shown masked when {@link #secret()}
 * @param origin a flag, an environment variable, the settings file, or the default
 */
public record Setting(String name, String value, String origin) {

    /** What is never printed: passwords, JAAS configurations (they hold passwords), inline keys. */
    public boolean secret() {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("password")
                || lower.contains("jaas")
                || lower.contains("secret")
                || lower.endsWith(".key")
                || lower.endsWith("keystore.certificate.chain");
    }

    /** The value as {@code drctl config} shows it. */
    public String shown() {
        return secret() ? "(set, not shown)" : value;
    }
}
