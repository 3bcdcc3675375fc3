package io.mcpbridge.dr.coordinator.drill;

import io.mcpbridge.dr.coordinator.runbook.StepAction;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.backup.RestoreTargets;
import io.mcpbridge.dr.events.drill.DrillType;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One drill as operators define it ({@code drills.yaml}).
 *
 * @param type       which of the plan's drills
 * @param schedule   when it runs (Quartz cron), or {@code off} for on demand only
 * @param timeout    how long it may take before it is failed (and cleaned up)
 * @param scopes     the backup scopes it exercises (backup verification); all when none are named
 * @param target     the probe target it breaks on purpose and watches come back (service restart)
 * @param production whether the target may be one of MCP Bridge's own components: never unless said here
 * @param restart    how the target is restarted: a runbook action ({@code rollout-restart} or {@code shell})
 * @param failOver   how the target is failed over: a {@code fail-over} action (service, to: the standby Deployment)
 * @param failBack   how it is failed back: a {@code fail-over} action to the primary Deployment
 * @param severity   the severity whose RTO the measured recovery is held to; critical by default
 * @param restoreTo  where the full drill restores: backup-service's scratch targets (a namespace, a Redis target
 *                   name, a directory), each disposable there; never where MCP Bridge runs
 */
public record DrillDefinition(
        DrillType type,
        String schedule,
        Duration timeout,
        List<BackupScope> scopes,
        String target,
        boolean production,
        Action restart,
        Action failOver,
        Action failBack,
        Severity severity,
        RestoreTargets restoreTo) {

    public DrillDefinition {
        schedule = schedule == null || schedule.isBlank() ? "off" : schedule.strip();
        timeout = timeout == null ? Duration.ofHours(1) : timeout;
        scopes = scopes == null || scopes.isEmpty() ? List.of(BackupScope.values()) : List.copyOf(scopes);
        severity = severity == null ? Severity.CRITICAL : severity;
    }

    /** A runbook action with its parameters, as a step of {@code runbooks.yaml} names one. */
    public record Action(StepAction action, Map<String, String> parameters) {

        public Action {
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }
    }
}
