package io.mcpbridge.dr.events.incident;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a timeline entry records. The timeline is the state machine an instance resumes an incident from, so
 * every outcome the coordinator writes is one of these; on the wire each is its lower-case {@link #wireName()}.
 */
public enum StepOutcome {
    /** A step began; written before its action runs, so a crash mid-step is seen. Moved on by its result. */
    STARTED("started"),
    /**
     * A step's work was handed to backup-service (or a host command started); its result moves it on. On a
     * {@code command} entry: a person asked for the run that follows.
     */
    REQUESTED("requested"),
    /** A step did what it should; its {@code onSuccess} rule follows. */
    SUCCEEDED("succeeded"),
    /** A step did not; it is tried again as its {@code retries} allow, then its {@code onFailure} rule follows. */
    FAILED("failed"),
    /** A failed step waits before its next attempt. */
    RETRY("retry"),
    /** A step was not run: its condition is unset, or the component recovered by itself. */
    SKIPPED("skipped"),
    /** A step was not run because a safety rail said no (an unconfirmed destructive action). */
    REFUSED("refused"),
    /** The runbook moves on to the next step (after a success, or falling back after a failure). */
    NEXT("next"),
    /** The step's success resolved the incident. */
    RESOLVED("resolved"),
    /** On a {@code command} entry: a person confirmed the destructive steps of the run in hand. */
    CONFIRMED("confirmed"),
    /** On a {@code command} entry: a person asked for the run in hand to change nothing. */
    DRY_RUN("dry-run"),
    /** A person acknowledged the incident. */
    ACKNOWLEDGED("acknowledged"),
    /** For people only: a signal, a state change, a command, an escalation. */
    INFO("info");

    private final String wireName;

    StepOutcome(String wireName) {
        this.wireName = wireName;
    }

    /** How it is written in {@code mcp-dr.incidents}, in metrics and for people. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
