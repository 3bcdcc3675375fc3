package io.mcpbridge.dr.coordinator.runbook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What happens when a step fails after its retries. */
public enum OnFailure {
    /** Go on with the next step (a fallback, such as a rollback after a restart that did not help). */
    NEXT,
    /** Stop and escalate to people. */
    ESCALATE;

    @JsonValue
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static OnFailure ofFileName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
