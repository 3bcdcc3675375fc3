package io.mcpbridge.dr.drctl;

import io.mcpbridge.dr.drctl.commands.ConfigCommand;
import io.mcpbridge.dr.drctl.commands.backup.BackupAnswer;
import io.mcpbridge.dr.drctl.commands.state.StatusCommand;
import io.mcpbridge.dr.drctl.report.RecoveryRecord;
import io.mcpbridge.dr.drctl.report.RecoveryReport;
import io.mcpbridge.dr.drctl.state.DeadLetter;
import io.mcpbridge.dr.drctl.state.IncidentSummary;
import io.mcpbridge.dr.drctl.state.ScopeFreshness;
import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupPhase;
import io.mcpbridge.dr.events.backup.BackupPolicy;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.backup.RestoreTargets;
import io.mcpbridge.dr.events.command.CommandOutcome;
import io.mcpbridge.dr.events.drill.DrillResult;
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
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What drctl reads and writes with Jackson, registered for native images: the events of the topics it reads and
 * the commands it sends, and its own views printed as JSON or YAML. (picocli's commands are registered by the
 * picocli extension.)
 */
@RegisterForReflection(
        targets = {
            DrillResult.class,
            DrillStep.class,
            DrillType.class,
            TargetHealth.class,
            HealthState.class,
            ProbeKind.class,
            Incident.class,
            IncidentState.class,
            TimelineEntry.class,
            StepOutcome.class,
            Severity.class,
            RecoveryCommand.class,
            RecoveryAction.class,
            BackupCommand.class,
            BackupAction.class,
            BackupScope.class,
            RestoreTargets.class,
            BackupResult.class,
            BackupPhase.class,
            BackupIndex.class,
            BackupIndex.Status.class,
            BackupIndex.Purpose.class,
            BackupPolicy.class,
            CommandOutcome.class,
            CommandOutcome.Verdict.class,
            StatusCommand.Status.class,
            IncidentSummary.class,
            ScopeFreshness.class,
            ConfigCommand.Shown.class,
            BackupAnswer.class,
            DeadLetter.class,
            RecoveryReport.class,
            RecoveryReport.Summary.class,
            RecoveryRecord.class
        })
public final class NativeReflection {

    private NativeReflection() {}
}
