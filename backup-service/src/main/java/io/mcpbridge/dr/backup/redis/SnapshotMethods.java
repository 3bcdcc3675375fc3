package io.mcpbridge.dr.backup.redis;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The configured way of reading Redis: one method, or {@code auto}. */
public final class SnapshotMethods {

    private SnapshotMethods() {}

    /**
     * @return empty for {@code auto}
     * @throws IllegalArgumentException naming the setting when the value is none of them
     */
    public static Optional<SnapshotMethod> parse(String value, String setting) {
        String name = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (name.equals("auto")) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(SnapshotMethod.values())
                .filter(method -> method.wireName().equals(name))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException(setting + " is '" + value + "': auto, replication or scan")));
    }
}
