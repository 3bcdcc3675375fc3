package io.mcpbridge.dr.events.incident;

/**
 * Where an incident is. {@code DETECTED → RECOVERING → VERIFYING → RESOLVED}, or {@code ESCALATED} (a
 * person owns it now: automation stops, it stays open until resolved by a command), or {@code SUPPRESSED}
 * (a maintenance window or a dry run: recorded, nothing done).
 */
public enum IncidentState {
    DETECTED,
    RECOVERING,
    VERIFYING,
    RESOLVED,
    ESCALATED,
    SUPPRESSED;

    /** Whether later signals about the component fold into this incident. */
    public boolean open() {
        return this != RESOLVED && this != SUPPRESSED;
    }

    /** Whether automation may still act on it. */
    public boolean automated() {
        return this == DETECTED || this == RECOVERING || this == VERIFYING;
    }
}
