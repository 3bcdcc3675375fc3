package io.mcpbridge.dr.testing;

import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Backup commands as tests send them, and the one terminal result each is answered with. */
public final class BackupCommands {

    private BackupCommands() {}

    /** A command for every scope, with a fresh id; {@code backupId} for verify and restore, else null. */
    public static BackupCommand of(BackupAction action, String backupId) {
        return of(action, backupId, null);
    }

    /** As {@link #of(BackupAction, String)}, asked for as a dry run when {@code dryRun} is true. */
    public static BackupCommand of(BackupAction action, String backupId, Boolean dryRun) {
        return new BackupCommand(
                action.name().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID(),
                action,
                List.of(),
                backupId,
                null,
                "test",
                "test",
                Instant.now(),
                null,
                dryRun);
    }

    /** The terminal result (succeeded, failed or partial) of the command {@code commandId}, waited for. */
    public static BackupResult terminalResult(TopicRecorder results, String commandId, Duration wait) {
        return results.awaitPayloads(
                        EventType.BACKUP_RESULT,
                        BackupResult.class,
                        result -> result.commandId().equals(commandId)
                                && result.phase().terminal(),
                        1,
                        wait)
                .get(0);
    }
}
