package io.mcpbridge.dr.backup.notice;

import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupPhase;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What people must hear of backup-service's own failures: a backup that failed, or a verification that found a
 * backup unusable. Not an incident (nothing is down), but the plan's recovery point is at risk: MEDIUM, posted,
 * a PagerDuty change event, never a page. One notice per failed command (its id is the command's), grouped
 * under {@code backups}.
 */
public final class FailureNotices {

    private FailureNotices() {}

    public static Optional<NotificationRequest> forResult(BackupResult result, Instant now) {
        boolean failed = result.phase() == BackupPhase.FAILED;
        if (!failed || (result.action() != BackupAction.BACKUP && result.action() != BackupAction.VERIFY)) {
            return Optional.empty();
        }
        String scopes = result.scopes().isEmpty()
                ? "every scope"
                : result.scopes().stream().map(BackupScope::wireName).collect(Collectors.joining(", "));
        boolean verify = result.action() == BackupAction.VERIFY;
        String what = verify
                ? "Verification of backup " + result.backupId() + " failed"
                : "A backup of " + scopes + " failed";
        Map<String, String> details = new LinkedHashMap<>();
        details.put("Command", result.commandId());
        details.put("Scopes", scopes);
        details.put("Reason", result.reason() == null ? "not given" : result.reason());
        return Optional.of(NotificationRequest.notice(
                "backup-failed:" + result.commandId(),
                "backups",
                NotificationKind.BACKUP_FAILED,
                Severity.MEDIUM,
                "backups",
                what + ": " + (result.reason() == null ? "no reason given" : result.reason())
                        + (verify
                                ? ". Until a verified backup exists, restores fall back to older ones."
                                : ". The newest backup grows older until one succeeds."),
                "None",
                "Failed",
                details,
                result.time(),
                now));
    }
}
