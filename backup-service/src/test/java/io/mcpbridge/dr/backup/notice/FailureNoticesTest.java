package io.mcpbridge.dr.backup.notice;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupPhase;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A failed backup or verification reaches people; anything else backup-service does stays on its result topic. */
class FailureNoticesTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void aFailedBackupAndAFailedVerificationAreToldOnceEachNeverPaging() {
        NotificationRequest backup = FailureNotices.forResult(
                        result("cmd-1", BackupAction.BACKUP, BackupPhase.FAILED), NOW)
                .orElseThrow();
        NotificationRequest verify = FailureNotices.forResult(
                        result("cmd-2", BackupAction.VERIFY, BackupPhase.FAILED), NOW)
                .orElseThrow();

        assertThat(backup.kind()).isEqualTo(NotificationKind.BACKUP_FAILED);
        assertThat(backup.severity()).as("posted, never a page").isEqualTo(Severity.MEDIUM);
        assertThat(backup.id()).isEqualTo("backup-failed:cmd-1");
        assertThat(backup.summary()).contains("redis", "S3 answered 503");
        assertThat(verify.summary()).startsWith("Verification of backup bk-1 failed");
    }

    @Test
    void successesPartialRestoresAndOtherActionsAreNotNotices() {
        assertThat(FailureNotices.forResult(result("c", BackupAction.BACKUP, BackupPhase.SUCCEEDED), NOW))
                .isEmpty();
        assertThat(FailureNotices.forResult(result("c", BackupAction.RESTORE, BackupPhase.FAILED), NOW))
                .as("a restore's failure is its incident's business")
                .isEmpty();
    }

    private static BackupResult result(String command, BackupAction action, BackupPhase phase) {
        return new BackupResult(
                command,
                action,
                phase,
                "bk-1",
                List.of(BackupScope.REDIS),
                0,
                0,
                null,
                10,
                Map.of(),
                null,
                null,
                phase == BackupPhase.FAILED ? "S3 answered 503" : null,
                NOW,
                List.of());
    }
}
