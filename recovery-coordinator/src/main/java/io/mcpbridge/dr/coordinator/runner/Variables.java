package io.mcpbridge.dr.coordinator.runner;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code ${name}} means in a runbook's parameters: the incident's {@code component}, the configured
 * {@code namespace}, the operator's variables ({@code mcpdr.coordinator.variables.<name>}: a DR namespace, a
 * standby), and what the command that opened the incident set ({@code backup}, {@code scopes}).
 * {@code ${name:-default}} gives a default, which may be empty; a name may hold {@code ${component}}
 * ({@code ${standby-${component}}}: per-component settings). A name with no value and no default is an error,
 * never an empty string.
 */
public final class Variables {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_.-]*)(:-([^}]*))?}");

    private final Map<String, String> values;

    public Variables(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** These values, with {@code more} on top. */
    public Variables with(Map<String, String> more) {
        Map<String, String> all = new HashMap<>(values);
        all.putAll(more);
        return new Variables(all);
    }

    /** Whether a variable has a non-empty value (a step's {@code when}). */
    public boolean isSet(String name) {
        return !values.getOrDefault(name, "").isEmpty();
    }

    /** The text with every reference replaced; null stays null. */
    public String fill(String template) {
        if (template == null) {
            return null;
        }
        String component = values.get("component");
        Matcher matcher = REFERENCE.matcher(component == null ? template : template.replace("${component}", component));
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = Optional.ofNullable(values.get(name))
                    .filter(v -> !v.isEmpty())
                    .or(() -> Optional.ofNullable(matcher.group(3)))
                    .orElseThrow(() -> new UnsetVariableException(name));
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    /** A runbook refers to a variable nobody set. */
    public static final class UnsetVariableException extends RuntimeException {
        UnsetVariableException(String name) {
            super("${" + name + "} is not set (mcpdr.coordinator.variables." + name + ")");
        }
    }
}
