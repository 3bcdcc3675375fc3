package io.mcpbridge.dr.coordinator.runbook;

import java.time.Duration;
import java.util.Map;

/**
 * One step of a runbook.
 *
 * @param name        unique within the runbook; the timeline and crash recovery refer to it
 * @param action      what it does
 * @param parameters  the action's parameters ({@code deployment}, {@code command}, {@code scopes}, ...);
 *                    {@code ${component}} and {@code ${namespace}} are filled in from the incident
 * @param timeout     how long one attempt may take
 * @param retries     further attempts after a failed one
 * @param onSuccess   what success leads to
 * @param onFailure   what a final failure leads to
 * @param automatic   a destructive action that may run without a confirmed manual command
 * @param when        a variable that must be set for the step to run (a standby, a DR site); without it
 *                    the step is skipped, not failed. Absent: the step always runs
 */
public record Step(
        String name,
        StepAction action,
        Map<String, String> parameters,
        Duration timeout,
        int retries,
        OnSuccess onSuccess,
        OnFailure onFailure,
        boolean automatic,
        String when) {

    public Step {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        timeout = timeout == null ? Duration.ofMinutes(5) : timeout;
        onSuccess = onSuccess == null ? OnSuccess.NEXT : onSuccess;
        onFailure = onFailure == null ? OnFailure.ESCALATE : onFailure;
    }

    /** Whether running it needs a confirmed, authenticated manual command. */
    public boolean needsConfirmation() {
        return action.destructive() && !automatic;
    }
}
