package io.mcpbridge.dr.devstack;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.alert.AlertEvent;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupPolicy;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.command.CommandOutcome;
import io.mcpbridge.dr.events.drill.DrillResult;
import io.mcpbridge.dr.events.drill.DrillStart;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.health.TargetHealth;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.RecoveryCommand;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One readable line per event, for people watching the local stack. */
final class EventPrinter {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final String RESET = "\u001b[0m";
    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String DIM = "\u001b[2m";

    private final boolean color;

    EventPrinter(boolean color) {
        this.color = color;
    }

    String line(String topic, EventEnvelope event) {
        String time = TIME.format(event.time());
        return switch (event.type()) {
            case HEALTH_CHANGED -> health(time, (TargetHealth) event.payload(), true);
            case HEALTH_SNAPSHOT -> health(time, (TargetHealth) event.payload(), false);
            case ALERT_RECEIVED -> alert(time, (AlertEvent) event.payload());
            case NOTIFY_REQUESTED -> notification(time, (NotificationRequest) event.payload());
            case BACKUP_REQUESTED -> backupCommand(time, (BackupCommand) event.payload());
            case BACKUP_RESULT -> backupResult(time, (BackupResult) event.payload());
            case RECOVERY_REQUESTED -> recoveryCommand(time, (RecoveryCommand) event.payload());
            case INCIDENT_UPDATED -> incident(time, (Incident) event.payload());
            case COMMAND_OUTCOME -> outcome(time, (CommandOutcome) event.payload());
            case BACKUP_CATALOGED -> cataloged(time, (BackupIndex) event.payload());
            case BACKUP_POLICY ->
                paint(DIM, time + "  catalog   policy, maximum ages " + ((BackupPolicy) event.payload()).maxAge());
            case DRILL_STARTED -> {
                DrillStart start = (DrillStart) event.payload();
                yield time + "  drill     " + pad(start.type().wireName()) + " " + start.id() + " started, asked by "
                        + start.requestedBy();
            }
            case DRILL_COMPLETED -> drill(time, (DrillResult) event.payload());
        };
    }

    private String drill(String time, DrillResult drill) {
        return time + "  drill     " + pad(drill.type().wireName()) + " " + drill.id() + " "
                + (drill.passed() ? paint(GREEN, "passed") : paint(RED, "failed") + ": " + drill.reason())
                + (drill.rpoMillis() == null ? "" : ", RPO " + drill.rpoMillis() / 1000 + " s")
                + (drill.rtoMillis() == null ? "" : ", RTO " + drill.rtoMillis() / 1000 + " s");
    }

    private String cataloged(String time, BackupIndex index) {
        return paint(
                DIM,
                time + "  catalog   " + index.id() + " " + index.status().name().toLowerCase()
                        + (index.verified() == null ? "" : index.verified() ? ", verified" : ", failed verification"));
    }

    private String outcome(String time, CommandOutcome outcome) {
        String verdict = switch (outcome.verdict()) {
            case ACCEPTED -> paint(GREEN, "accepted");
            case REFUSED -> paint(RED, "refused");
            case NOT_RUN -> paint(YELLOW, "not run");
        };
        return time + "  command   " + pad(outcome.component() == null ? "?" : outcome.component()) + " "
                + outcome.commandId() + " " + verdict + " by " + outcome.handledBy()
                + (outcome.reason() == null ? "" : ": " + outcome.reason())
                + (outcome.incidentId() == null ? "" : " (" + outcome.incidentId() + ")");
    }

    /** A tombstone: the key's record is gone from a compacted topic (a pruned backup leaves the catalog). */
    String removed(String topic, String key) {
        return paint(DIM, TIME.format(java.time.Instant.now()) + "  removed   " + key + " from " + topic);
    }

    String unreadable(String topic, String reason) {
        return paint(RED, "?? " + topic + ": " + reason);
    }

    private String health(String time, TargetHealth health, boolean transition) {
        String state = paint(colour(health.state()), health.state().name());
        if (!transition) {
            return paint(
                    DIM,
                    time + "  health    " + pad(health.target()) + " " + health.state() + " (snapshot, "
                            + health.latencyMs() + " ms)");
        }
        return time + "  health    " + pad(health.target()) + " " + health.previousState() + " -> " + state
                + "  after " + health.consecutive() + " in a row"
                + (health.lastError() == null ? "" : ": " + health.lastError());
    }

    private String alert(String time, AlertEvent alert) {
        String status = paint(
                alert.status().name().equals("FIRING") ? RED : GREEN,
                alert.status().name());
        return time + "  alert     " + pad(alert.component()) + " " + status + " " + alert.severity() + " "
                + alert.alertname() + ": " + alert.summary();
    }

    private String backupCommand(String time, BackupCommand command) {
        return time + "  backup    " + pad(command.action().name().toLowerCase()) + " requested by "
                + command.requestedBy() + (command.backupId() == null ? "" : " (" + command.backupId() + ")")
                + (command.scopes().isEmpty()
                        ? ""
                        : " "
                                + command.scopes().stream()
                                        .map(BackupScope::wireName)
                                        .toList());
    }

    private String backupResult(String time, BackupResult result) {
        String action = pad(result.action().name().toLowerCase());
        return switch (result.phase()) {
            case STARTED -> paint(DIM, time + "  backup    " + action + " started (" + result.commandId() + ")");
            case PROGRESS ->
                paint(
                        DIM,
                        time + "  backup    " + action + " " + result.bytes() / (1024 * 1024) + " MiB, "
                                + result.entries() + " entries");
            case SUCCEEDED ->
                time + "  backup    " + action + " " + paint(GREEN, "succeeded")
                        + (result.backupId() == null ? "" : " " + result.backupId()) + " in " + result.durationMillis()
                        + " ms " + result.counts();
            case FAILED -> time + "  backup    " + action + " " + paint(RED, "failed") + ": " + result.reason();
            case PARTIAL ->
                time + "  backup    " + action + " " + paint(YELLOW, "partial") + " " + result.counts() + ": "
                        + result.reason();
        };
    }

    private String recoveryCommand(String time, RecoveryCommand command) {
        return time + "  command   " + pad(command.component()) + " " + command.action()
                + (command.dryRun() ? " (dry run)" : "") + " by " + command.requestedBy()
                + (command.reason() == null ? "" : ": " + command.reason());
    }

    private String incident(String time, Incident incident) {
        String colour = incident.state() == IncidentState.RESOLVED
                ? GREEN
                : incident.state() == IncidentState.ESCALATED ? RED : YELLOW;
        var last = incident.timeline().isEmpty()
                ? null
                : incident.timeline().get(incident.timeline().size() - 1);
        return time + "  incident  " + pad(incident.component()) + " "
                + paint(colour, incident.state().name()) + " " + incident.id()
                + (last == null ? "" : "  " + last.step() + " " + last.outcome() + ": " + last.detail());
    }

    private String notification(String time, NotificationRequest request) {
        return time + "  notify    " + pad(String.valueOf(request.component())) + " " + request.kind() + " "
                + request.severity() + ": " + request.summary();
    }

    private static String colour(HealthState state) {
        return switch (state) {
            case UP -> GREEN;
            case DEGRADED -> YELLOW;
            case DOWN -> RED;
            case UNKNOWN -> DIM;
        };
    }

    private String paint(String colour, String text) {
        return color ? colour + text + RESET : text;
    }

    private static String pad(String text) {
        return String.format("%-10s", text);
    }
}
