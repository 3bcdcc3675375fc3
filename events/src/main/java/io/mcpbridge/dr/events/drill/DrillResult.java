package io.mcpbridge.dr.events.drill;

import java.time.Instant;
import java.util.List;

/**
 * A drill that ran, pass or fail: what it did, when, and the recovery it measured against the targets.
 *
 * @param id            the drill run's id ({@code drill-<type>-<due, Unix seconds>} when scheduled)
 * @param type          which drill
 * @param target        what it exercised (a component, or the scratch targets of a full drill)
 * @param requestedBy   who asked: the schedule, or the verified signer of the command
 * @param startedAt     when it began
 * @param endedAt       when it ended, everything cleaned up or reported as left behind
 * @param steps         its steps in the order they ran
 * @param rtoMillis     the recovery time it measured (start of the recovery to healthy), where it measures one
 * @param rtoTargetMillis the plan's RTO for the drill's severity, beside it
 * @param rpoMillis     the age of the data it restored, where it restores
 * @param rpoTargetMillis the maximum backup age of the scopes it restored (the deployment's setting)
 * @param passed        whether every step passed and the measured RTO and RPO are within their targets
 * @param reason        why it failed; null when it passed
 * @param leftBehind    what a failed drill could not clean up, for a person to remove; empty when nothing
 */
public record DrillResult(
        String id,
        DrillType type,
        String target,
        String requestedBy,
        Instant startedAt,
        Instant endedAt,
        List<DrillStep> steps,
        Long rtoMillis,
        Long rtoTargetMillis,
        Long rpoMillis,
        Long rpoTargetMillis,
        boolean passed,
        String reason,
        List<String> leftBehind) {

    public DrillResult {
        steps = steps == null ? List.of() : List.copyOf(steps);
        leftBehind = leftBehind == null ? List.of() : List.copyOf(leftBehind);
    }
}
