package io.mcpbridge.dr.coordinator.runbook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What happens when a step succeeds. */
public enum OnSuccess {
    /** Go on with the next step. */
    NEXT,
    /** The incident is recovered: skip the fallbacks that follow (a verification that passed). */
    RESOLVE;

    @JsonValue
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static OnSuccess ofFileName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
