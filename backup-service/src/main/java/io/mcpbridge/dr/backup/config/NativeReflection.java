package io.mcpbridge.dr.backup.config;

import io.mcpbridge.dr.backup.archive.CertificateInfo;
import io.mcpbridge.dr.backup.archive.Manifest;
import io.mcpbridge.dr.backup.archive.ManifestEntry;
import io.mcpbridge.dr.backup.lease.LeaseRecord;
import io.mcpbridge.dr.backup.store.Verdict;
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
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.incident.StepOutcome;
import io.mcpbridge.dr.events.incident.TimelineEntry;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationLink;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Records this service reads and writes with Jackson outside the REST layer, registered for native images. */
@RegisterForReflection(
        targets = {
            BackupCommand.class,
            BackupResult.class,
            RestoreTargets.class,
            BackupAction.class,
            BackupPhase.class,
            BackupScope.class,
            CommandOutcome.class,
            CommandOutcome.Verdict.class,
            BackupIndex.class,
            BackupIndex.Status.class,
            BackupIndex.Purpose.class,
            BackupPolicy.class,
            Manifest.class,
            ManifestEntry.class,
            CertificateInfo.class,
            Verdict.class,
            LeaseRecord.class,
            Incident.class,
            TimelineEntry.class,
            IncidentState.class,
            StepOutcome.class,
            Severity.class,
            NotificationRequest.class,
            NotificationLink.class,
            NotificationKind.class
        })
public final class NativeReflection {

    private NativeReflection() {}
}
