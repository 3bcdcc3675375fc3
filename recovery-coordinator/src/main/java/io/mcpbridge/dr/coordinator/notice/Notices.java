package io.mcpbridge.dr.coordinator.notice;

import io.mcpbridge.dr.events.alert.AlertEvent;
import io.mcpbridge.dr.events.alert.AlertStatus;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.health.TargetHealth;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The notification requests an incident's changes call for: the plan's initial alert when it opens, a page
 * when it escalates, recovery complete when it resolves. Ids are the incident id and the occasion, so a
 * repeat after a restart is one notification (the notifier delivers each id once per channel).
 */
public final class Notices {

    private Notices() {}

    public static Optional<NotificationRequest> forChange(Incident before, Incident after, Instant now) {
        if (before == null || !before.id().equals(after.id())) {
            if (after.state() == IncidentState.SUPPRESSED) {
                // Expected during a maintenance window or a drill: on record in the digest, paging nobody.
                return Optional.of(request(
                        after,
                        NotificationKind.INCIDENT_OPENED,
                        "opened",
                        "Suppressed: maintenance window",
                        Severity.LOW,
                        now));
            }
            return Optional.of(
                    request(after, NotificationKind.INCIDENT_OPENED, "opened", "Investigating", after.severity(), now));
        }
        if (before.state() != after.state() && after.state() == IncidentState.RECOVERING) {
            return Optional.of(request(
                    after,
                    NotificationKind.INCIDENT_UPDATED,
                    "recovering-" + after.version(),
                    "Recovering: " + after.scenario() + " runbook at work",
                    after.severity(),
                    now));
        }
        if (after.commander() != null && !after.commander().equals(before.commander())) {
            return Optional.of(request(
                    after,
                    NotificationKind.INCIDENT_UPDATED,
                    "commander-" + after.version(),
                    "Acknowledged: " + after.commander() + " leads the response",
                    after.severity(),
                    now));
        }
        if (before.state() != after.state() && after.state() == IncidentState.ESCALATED) {
            return Optional.of(request(
                    after,
                    NotificationKind.INCIDENT_ESCALATED,
                    "escalated",
                    "Escalated: automated recovery stopped",
                    after.severity(),
                    now));
        }
        if (before.state() != after.state() && after.state() == IncidentState.RESOLVED) {
            return Optional.of(
                    request(after, NotificationKind.INCIDENT_RESOLVED, "resolved", "Resolved", after.severity(), now));
        }
        return Optional.empty();
    }

    /**
     * A target that became DEGRADED (AOF off, a certificate in its warning window, slow answers) or stopped being
     * so: not an incident, nothing to recover, but someone should look. MEDIUM going in (posted), LOW coming
     * out (the digest); never a page. Grouped per component under {@code health-<component>}.
     */
    public static Optional<NotificationRequest> forHealth(TargetHealth health, Instant now) {
        boolean degraded = health.state() == HealthState.DEGRADED && health.previousState() != HealthState.DEGRADED;
        boolean better = health.previousState() == HealthState.DEGRADED && health.state() == HealthState.UP;
        if (!degraded && !better) {
            return Optional.empty();
        }
        String why = health.lastError() == null || health.lastError().isBlank() ? "" : ": " + health.lastError();
        String summary = degraded
                ? health.target() + " is degraded" + why + ". It still serves; nothing is recovered automatically."
                : health.target() + " is no longer degraded.";
        return Optional.of(NotificationRequest.notice(
                (degraded ? "degraded:" : "recovered:") + health.target() + ":" + health.since(),
                "health-" + health.component(),
                NotificationKind.ATTENTION,
                degraded ? Severity.MEDIUM : Severity.LOW,
                health.component(),
                summary,
                degraded ? "Minimal" : "None",
                degraded ? "Degraded" : "Healthy",
                Map.of("Target", health.target(), "Since", String.valueOf(health.since())),
                health.since(),
                now));
    }

    /**
     * A firing alert too mild to open an incident (MEDIUM or LOW: a drill overdue, a backup older than its target,
     * ...): people hear of it by its severity, posted or digested, never paged. Alertmanager repeats a firing alert;
     * the id is the alert instance's, so it is told once.
     */
    public static Optional<NotificationRequest> forAlert(AlertEvent alert, Instant now) {
        if (alert.status() != AlertStatus.FIRING
                || (alert.severity() != Severity.MEDIUM && alert.severity() != Severity.LOW)) {
            return Optional.empty();
        }
        return Optional.of(NotificationRequest.notice(
                "alert:" + alert.fingerprint() + "@" + alert.startsAt(),
                "alerts-" + alert.component(),
                NotificationKind.ATTENTION,
                alert.severity(),
                alert.component(),
                alert.alertname() + ": " + alert.summary(),
                "None",
                "Firing",
                Map.of("Alert", alert.alertname(), "Since", String.valueOf(alert.startsAt())),
                alert.startsAt(),
                now));
    }

    /** A command that was refused: people should know someone tried. */
    public static NotificationRequest refusedCommand(String commandId, String component, String reason, Instant now) {
        // LOW: a flood of junk commands goes into the digest rather than bury real incident posts.
        return aboutCommand("command-refused:" + commandId, component, Severity.LOW, "refused", "Refused", reason, now);
    }

    /** A valid command that could not run now (another runbook is at work): the person who sent it should know. */
    public static NotificationRequest unrunCommand(String commandId, String component, String reason, Instant now) {
        return aboutCommand(
                "command-not-run:" + commandId, component, Severity.MEDIUM, "not run", "Not run", reason, now);
    }

    /** A notice about a command, outside any incident: grouped per component under {@code commands-<component>}. */
    private static NotificationRequest aboutCommand(
            String id, String component, Severity severity, String what, String status, String reason, Instant now) {
        return NotificationRequest.notice(
                id,
                "commands-" + component,
                NotificationKind.INCIDENT_UPDATED,
                severity,
                component,
                "A recovery command was " + what + ": " + reason,
                "None",
                status,
                Map.of("Reason", reason),
                now,
                now);
    }

    private static NotificationRequest request(
            Incident incident, NotificationKind kind, String occasion, String status, Severity severity, Instant now) {
        String last = incident.timeline().isEmpty()
                ? ""
                : incident.timeline().get(incident.timeline().size() - 1).detail();
        return request(
                incident,
                kind,
                occasion,
                status,
                severity,
                incident.summary() + (last.isEmpty() ? "" : " (" + last + ")"),
                List.of(),
                now);
    }

    /**
     * An engineer's words for audiences of the communication plan ({@code drctl tell}) about an open incident: its
     * facts as they stand, the words as the summary, and the audiences named, so the notifier tells exactly those.
     */
    public static NotificationRequest told(
            Incident incident, String commandId, List<String> audiences, String words, Instant now) {
        String status = switch (incident.state()) {
            case RECOVERING, VERIFYING -> "Recovering";
            case ESCALATED -> "Escalated: engineers at work";
            default -> "Investigating";
        };
        return request(
                incident,
                NotificationKind.INCIDENT_UPDATED,
                "told-" + commandId,
                status,
                incident.severity(),
                words,
                audiences,
                now);
    }

    private static NotificationRequest request(
            Incident incident,
            NotificationKind kind,
            String occasion,
            String status,
            Severity severity,
            String summary,
            List<String> audiences,
            Instant now) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("Scenario", incident.scenario());
        details.put("RTO target", incident.rtoTarget().toMinutes() + " min");
        if (incident.state() == IncidentState.RESOLVED) {
            details.put("RTO", incident.rto().toSeconds() + " s");
            details.put("RTO met", String.valueOf(incident.rto().compareTo(incident.rtoTarget()) <= 0));
        }
        if (incident.rpo() != null) {
            details.put("RPO", incident.rpo().toMinutes() + " min (last backup " + incident.lastBackupId() + ")");
        } else {
            details.put("RPO", "not measured: no successful backup of the affected data was seen");
        }
        boolean resolved = kind == NotificationKind.INCIDENT_RESOLVED;
        return new NotificationRequest(
                incident.id() + ":" + occasion,
                incident.id(),
                kind,
                severity,
                incident.component(),
                summary,
                List.of(incident.component()),
                IncidentFacts.customerImpact(incident),
                status,
                // The notifier keeps the update cadence: it says when the next update comes, and sends it.
                null,
                incident.rto(),
                resolved ? IncidentFacts.rootCause(incident) : null,
                resolved ? IncidentFacts.dataLoss(incident) : null,
                // Null until someone acknowledges: the notifier then names the on-call engineer.
                incident.commander(),
                null,
                List.of(),
                details,
                incident.detectedAt(),
                now,
                audiences);
    }
}
