package io.mcpbridge.dr.events.backup;

import java.time.Instant;
import java.util.List;

/**
 * A command for backup-service on {@code mcp-dr.commands.backup}. Its {@code id} is the idempotency key
 * ({@code ce_id}) and is echoed in every result it causes.
 *
 * @param id          unique per command
 * @param action      what to do
 * @param scopes      which parts; empty or absent means every scope the service is configured for
 * @param backupId    for verify and restore: a backup id or {@code latest} (the newest good backup)
 * @param targets     for restore: where to write instead of the original places, by configured target names
 * @param reason      why, for the record ("scheduled", "incident inc-...", "drill")
 * @param requestedBy who asked; backup-service replaces it with the verified signer
 * @param requestedAt when
 * @param takenBefore for a RESTORE or VERIFY of {@code latest}: only backups started before this moment count
 *                    (an incident's detection, so a restore never brings back what went wrong); absent: any
 * @param dryRun      for PRUNE only: say what would be deleted and delete nothing; absent means false, and any
 *                    other action asked for as a dry run is refused rather than run
 */
public record BackupCommand(
        String id,
        BackupAction action,
        List<BackupScope> scopes,
        String backupId,
        RestoreTargets targets,
        String reason,
        String requestedBy,
        Instant requestedAt,
        Instant takenBefore,
        Boolean dryRun) {

    /**
     * The word for the newest backup that is complete and not known to be bad (a verified one first), and
     * not forensic.
     */
    public static final String LATEST = "latest";

    public BackupCommand {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** The Kafka key: the scope when the command names one, {@code all} otherwise. Signed, and checked. */
    public String kafkaKey() {
        return scopes.size() == 1 ? scopes.get(0).wireName() : "all";
    }

    /** The same command, asked for by {@code who} (the verified signer). */
    public BackupCommand withRequestedBy(String who) {
        return new BackupCommand(id, action, scopes, backupId, targets, reason, who, requestedAt, takenBefore, dryRun);
    }

    /** Whether the command asks for a dry run ({@code dryRun} absent means no). */
    public boolean dryRunRequested() {
        return Boolean.TRUE.equals(dryRun);
    }
}
