package io.mcpbridge.dr.coordinator.incident;

import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.events.incident.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The only ways an incident changes: each returns the next version, with the change on its timeline and
 * the RTO clock stamped. Incidents are immutable; the latest version is what gets published.
 */
public final class Incidents {

    private Incidents() {}

    /** Adds a timeline entry without changing state (a signal folded in, a step's outcome). */
    public static Incident note(Incident incident, TimelineEntry entry) {
        return next(incident, incident.state(), entry, incident.automatedActions());
    }

    /**
     * Records that an action is about to run. An automated one counts against the action budget; one of a
     * runbook people started does not (it is theirs, not the automation's).
     */
    public static Incident actionStarted(Incident incident, TimelineEntry entry, boolean automated) {
        List<Instant> actions = new ArrayList<>(incident.automatedActions());
        if (automated) {
            actions.add(entry.time());
        }
        IncidentState state = incident.state() == IncidentState.DETECTED ? IncidentState.RECOVERING : incident.state();
        return next(incident, state, entry, actions);
    }

    /** Moves to {@code state}, stamping the times that state marks. */
    public static Incident advance(Incident incident, IncidentState state, TimelineEntry entry) {
        return next(incident, state, entry, incident.automatedActions());
    }

    /**
     * An engineer takes an escalated incident on with a runbook of their own (a RESTORE, a FAIL_OVER command):
     * automation resumes for that runbook only, from its first step. The entry ({@code runbook started})
     * marks where the new runbook's steps begin on the timeline.
     */
    public static Incident handOver(
            Incident incident, String scenario, Map<String, String> parameters, TimelineEntry entry) {
        Incident switched = incident.withScenario(scenario, parameters);
        return next(switched, IncidentState.RECOVERING, entry, incident.automatedActions());
    }

    private static Incident next(Incident incident, IncidentState state, TimelineEntry entry, List<Instant> actions) {
        Instant now = entry.time();
        List<TimelineEntry> timeline = new ArrayList<>(incident.timeline());
        if (state != incident.state()) {
            timeline.add(
                    new TimelineEntry(now, TimelineEntry.STATE, StepOutcome.INFO, incident.state() + " -> " + state));
        }
        timeline.add(entry);
        Instant recoveryStartedAt = incident.recoveryStartedAt() == null && state == IncidentState.RECOVERING
                ? now
                : incident.recoveryStartedAt();
        Instant recoveredAt = incident.recoveredAt() == null
                        && state == IncidentState.RESOLVED
                        && incident.state().automated()
                ? now
                : incident.recoveredAt();
        Instant escalatedAt =
                incident.escalatedAt() == null && state == IncidentState.ESCALATED ? now : incident.escalatedAt();
        Instant resolvedAt =
                incident.resolvedAt() == null && state == IncidentState.RESOLVED ? now : incident.resolvedAt();
        Instant rtoEnd = recoveredAt != null ? recoveredAt : resolvedAt != null ? resolvedAt : now;
        Incident next = new Incident(
                incident.id(),
                incident.component(),
                incident.scenario(),
                incident.parameters(),
                incident.severity(),
                state,
                incident.summary(),
                incident.detectedAt(),
                recoveryStartedAt,
                recoveredAt,
                escalatedAt,
                resolvedAt,
                Duration.between(incident.detectedAt(), rtoEnd),
                incident.rtoTarget(),
                incident.rpo(),
                incident.lastBackupId(),
                incident.commander(),
                actions,
                timeline,
                incident.postmortem(),
                incident.version() + 1);
        if (state == IncidentState.RESOLVED && incident.state() != IncidentState.RESOLVED) {
            // On resolution the incident carries its postmortem draft, in the plan's template.
            return next.withPostmortem(PostmortemDraft.render(next));
        }
        return next;
    }
}
