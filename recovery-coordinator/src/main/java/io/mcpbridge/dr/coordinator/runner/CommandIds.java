package io.mcpbridge.dr.coordinator.runner;

import io.mcpbridge.dr.coordinator.incident.IncidentIds;
import io.mcpbridge.dr.coordinator.runbook.Step;
import io.mcpbridge.dr.events.incident.Incident;
import java.util.Optional;

/**
 * The one format of the ids of what a step asks another party for (a backup-service command, a host command
 * run): {@code <incident id>:<step>[@run<n>][@try<n>]}. The same attempt sent again has the same id, so
 * backup-service answers it once; a run an engineer started later on the same incident ({@code @run1}, ...) and
 * a retry after a failure ({@code @try2}, ...) are new commands, never answered with an earlier one's result.
 * Only characters that backup-service takes in a command id.
 */
public final class CommandIds {

    private CommandIds() {}

    /** The id of the step's attempt in hand on this incident. */
    public static String of(Incident incident, Step step) {
        long run = RunbookRunner.runNumber(incident);
        long failures = RunbookRunner.failuresOfThisRun(incident, step);
        return incident.id() + ":" + step.name() + (run == 0 ? "" : "@run" + run)
                + (failures == 0 ? "" : "@try" + (failures + 1));
    }

    /** The incident a command id of this format belongs to; empty for anyone else's id. */
    public static Optional<String> incidentOf(String commandId) {
        int separator = commandId.lastIndexOf(':');
        if (separator <= 0) {
            return Optional.empty();
        }
        String incidentId = commandId.substring(0, separator);
        return IncidentIds.isIncidentId(incidentId) ? Optional.of(incidentId) : Optional.empty();
    }
}
