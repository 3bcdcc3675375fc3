package io.mcpbridge.dr.coordinator.config;

import io.mcpbridge.dr.coordinator.drill.DrillCatalog;
import io.mcpbridge.dr.coordinator.drill.DrillDefinition;
import io.mcpbridge.dr.coordinator.runbook.OnFailure;
import io.mcpbridge.dr.coordinator.runbook.OnSuccess;
import io.mcpbridge.dr.coordinator.runbook.Runbook;
import io.mcpbridge.dr.coordinator.runbook.RunbookCatalog;
import io.mcpbridge.dr.coordinator.runbook.Scenario;
import io.mcpbridge.dr.coordinator.runbook.Step;
import io.mcpbridge.dr.coordinator.runbook.StepAction;
import io.mcpbridge.dr.events.alert.AlertEvent;
import io.mcpbridge.dr.events.alert.AlertStatus;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupPhase;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.backup.RestoreTargets;
import io.mcpbridge.dr.events.command.CommandOutcome;
import io.mcpbridge.dr.events.drill.DrillResult;
import io.mcpbridge.dr.events.drill.DrillStart;
import io.mcpbridge.dr.events.drill.DrillStep;
import io.mcpbridge.dr.events.drill.DrillType;
import io.mcpbridge.dr.events.health.HealthState;
import io.mcpbridge.dr.events.health.ProbeKind;
import io.mcpbridge.dr.events.health.TargetHealth;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.RecoveryAction;
import io.mcpbridge.dr.events.incident.RecoveryCommand;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.events.incident.TimelineEntry;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationLink;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What this service reads and writes with Jackson outside the REST layer (events, and runbook files in
 * YAML), registered for native images.
 */
@RegisterForReflection(
        targets = {
            DrillResult.class,
            DrillStart.class,
            DrillStep.class,
            DrillType.class,
            DrillDefinition.class,
            DrillCatalog.DrillFile.class,
            TargetHealth.class,
            HealthState.class,
            ProbeKind.class,
            AlertEvent.class,
            AlertStatus.class,
            Severity.class,
            Incident.class,
            IncidentState.class,
            TimelineEntry.class,
            StepOutcome.class,
            RecoveryCommand.class,
            RecoveryAction.class,
            BackupCommand.class,
            BackupResult.class,
            BackupAction.class,
            BackupPhase.class,
            BackupScope.class,
            BackupIndex.class,
            RestoreTargets.class,
            CommandOutcome.class,
            CommandOutcome.Verdict.class,
            NotificationRequest.class,
            NotificationKind.class,
            NotificationLink.class,
            RunbookCatalog.RunbookFile.class,
            Runbook.class,
            Step.class,
            StepAction.class,
            Scenario.class,
            OnSuccess.class,
            OnFailure.class
        })
public final class NativeReflection {

    private NativeReflection() {}
}
