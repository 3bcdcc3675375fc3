package io.mcpbridge.dr.coordinator.notice;

import io.mcpbridge.dr.coordinator.runbook.Scenario;
import io.mcpbridge.dr.coordinator.runbook.StrategySelector;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.events.incident.TimelineEntry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The plan's template fields that only the incident can fill: what customers feel, what caused it, what data it
 * cost. Worded for people and never "unknown": where the incident cannot say, the field says why.
 *
 * <p>Customer impact, in the plan's words (None, Minimal, Moderate, Severe), by what failed:
 *
 * <table>
 *   <caption>Customer impact</caption>
 *   <tr><th>incident</th><th>impact</th><th>why</th></tr>
 *   <tr><td>gateway or router down</td><td>Severe</td><td>no client can reach MCP servers</td></tr>
 *   <tr><td>data center or infrastructure lost</td><td>Severe</td><td>everything is down until the DR site serves</td></tr>
 *   <tr><td>security breach</td><td>Severe</td><td>sessions are revoked: every client signs in again</td></tr>
 *   <tr><td>Redis session store down</td><td>Moderate</td><td>clients reconnect; recent sessions may be lost</td></tr>
 *   <tr><td>data corruption</td><td>Moderate</td><td>data is restored from a backup</td></tr>
 *   <tr><td>an engineer's single action (restore, fail over, ...)</td><td>Minimal</td><td>planned and watched</td></tr>
 *   <tr><td>anything during a maintenance window</td><td>Minimal</td><td>expected, announced beforehand</td></tr>
 * </table>
 */
public final class IncidentFacts {

    /** Wording of the coordinator's timeline line for a restore backup-service finished. */
    static final String RESTORED = ": restore of ";

    private IncidentFacts() {}

    public static String customerImpact(Incident incident) {
        if (incident.state() == IncidentState.SUPPRESSED) {
            return "Minimal";
        }
        Scenario scenario = scenarioOf(incident).orElse(null);
        if (scenario == null) {
            return StrategySelector.REDIS.equals(incident.component()) ? "Moderate" : "Severe";
        }
        return switch (scenario) {
            case SERVICE_FAILURE, DATA_CENTER_FAILURE, INFRASTRUCTURE_LOSS, SECURITY_BREACH -> "Severe";
            case REDIS_FAILURE, DATA_CORRUPTION -> "Moderate";
            case MANUAL_RESTORE, MANUAL_FAIL_OVER, MANUAL_REVOKE_SESSIONS, MANUAL_ROTATE_CREDENTIALS -> "Minimal";
        };
    }

    /**
     * The plan's "Root Cause: [BRIEF_DESCRIPTION]": the first signal, and what brought the component back (the
     * runbook step that succeeded last, or the person who resolved it). Marked as automatic: a person's
     * postmortem says more.
     */
    public static String rootCause(Incident incident) {
        String signal = incident.timeline().stream()
                .filter(entry -> TimelineEntry.DETECTED.equals(entry.step()) && entry.detail() != null)
                .map(TimelineEntry::detail)
                .findFirst()
                .orElse(incident.summary());
        String recovery = lastRecovery(incident)
                .map(entry -> "recovered by " + incident.scenario() + " / " + entry.step())
                .orElse("no automated step recovered it");
        return "Automatic: " + signal + "; " + recovery + ". The postmortem holds the full analysis.";
    }

    /**
     * The plan's "Data Loss: [None/Description]", from the recovery point stamped at detection: a stateless
     * component loses nothing; data restored from a backup may miss what was written after that backup.
     */
    public static String dataLoss(Incident incident) {
        if (!StrategySelector.REDIS.equals(incident.component()) && !restoredData(incident)) {
            return "None (" + incident.component() + " holds no data)";
        }
        if (!restoredData(incident)) {
            return "None: no data was restored";
        }
        Duration rpo = incident.rpo();
        if (rpo == null) {
            return "Data was restored from backup " + incident.lastBackupId()
                    + "; how much was written after it is not known";
        }
        return "Data written in the last " + minutes(rpo) + " before detection may be lost (restored from backup "
                + incident.lastBackupId() + ")";
    }

    private static boolean restoredData(Incident incident) {
        return incident.timeline().stream()
                .anyMatch(entry -> entry.outcome() == StepOutcome.SUCCEEDED
                        && entry.detail() != null
                        && entry.detail().contains(RESTORED));
    }

    private static Optional<TimelineEntry> lastRecovery(Incident incident) {
        TimelineEntry found = null;
        for (TimelineEntry entry : incident.timeline()) {
            if (entry.outcome() == StepOutcome.SUCCEEDED && !isBookkeeping(entry.step())) {
                found = entry;
            }
        }
        return Optional.ofNullable(found);
    }

    private static boolean isBookkeeping(String step) {
        return List.of(
                        TimelineEntry.DETECTED,
                        TimelineEntry.SIGNAL,
                        TimelineEntry.COMMAND,
                        TimelineEntry.STATE,
                        TimelineEntry.RUNBOOK,
                        TimelineEntry.ESCALATE)
                .contains(step);
    }

    private static Optional<Scenario> scenarioOf(Incident incident) {
        try {
            return Optional.ofNullable(incident.scenario()).map(Scenario::ofFileName);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String minutes(Duration duration) {
        long minutes = Math.max(1, (duration.toSeconds() + 59) / 60);
        return minutes == 1 ? "1 min" : minutes + " min";
    }
}
