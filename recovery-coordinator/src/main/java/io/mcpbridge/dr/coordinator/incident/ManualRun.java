package io.mcpbridge.dr.coordinator.incident;

import io.mcpbridge.dr.coordinator.runbook.Scenario;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.events.incident.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A runbook an engineer asked for by a signed command: a scenario's (RECOVER naming one) or a single
 * action's (RESTORE, FAIL_OVER, REVOKE_SESSIONS, ROTATE_CREDENTIALS).
 *
 * @param component   what it is for
 * @param scenario    the runbook
 * @param parameters  what the command set for it ({@code backup}, {@code scopes})
 * @param severity    of the incident it opens
 * @param summary     one line for people
 * @param requestedBy who, and why
 * @param confirmed   the person confirmed its destructive steps
 * @param dryRun      run everything but the effect
 */
public record ManualRun(
        String component,
        Scenario scenario,
        Map<String, String> parameters,
        Severity severity,
        String summary,
        String requestedBy,
        boolean confirmed,
        boolean dryRun) {

    public ManualRun {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /**
     * The timeline entries a command leaves: that a person asked for this run, its confirmation and its dry run,
     * so any instance reads them back.
     */
    List<TimelineEntry> commandEntries(Instant now) {
        List<TimelineEntry> entries = new ArrayList<>();
        entries.add(new TimelineEntry(
                now,
                TimelineEntry.COMMAND,
                StepOutcome.REQUESTED,
                scenario.fileName() + " requested by " + requestedBy));
        if (confirmed) {
            entries.add(new TimelineEntry(
                    now,
                    TimelineEntry.COMMAND,
                    StepOutcome.CONFIRMED,
                    "destructive steps confirmed by " + requestedBy));
        }
        if (dryRun) {
            entries.add(new TimelineEntry(
                    now,
                    TimelineEntry.COMMAND,
                    StepOutcome.DRY_RUN,
                    "dry run asked by " + requestedBy + ": nothing will be changed"));
        }
        return entries;
    }
}
