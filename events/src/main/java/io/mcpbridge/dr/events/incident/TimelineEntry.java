package io.mcpbridge.dr.events.incident;

import java.time.Instant;

/**
 * One line of an incident's timeline.
 *
 * @param time    when it happened
 * @param step    what it is about: a runbook step's name, or one of the names below that are not steps
 * @param outcome what happened to it
 * @param detail  for people: what was done or seen, a command's output, a reason
 */
public record TimelineEntry(Instant time, String step, StepOutcome outcome, String detail) {

    /** The first entry: what opened the incident. */
    public static final String DETECTED = "detected";
    /** A further signal folded into the open incident. */
    public static final String SIGNAL = "signal";
    /** What a person's command did: its request, confirmation, dry run, acknowledgement. */
    public static final String COMMAND = "command";
    /** A change of {@link IncidentState}. */
    public static final String STATE = "state";
    /** The runbook as a whole: a person started it ({@link StepOutcome#STARTED}), or it ran to its end. */
    public static final String RUNBOOK = "runbook";
    /** The incident was handed to people. */
    public static final String ESCALATE = "escalate";
}
