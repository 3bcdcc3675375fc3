package io.mcpbridge.dr.events.backup;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Progress and outcome of one command, on {@code mcp-dr.backup.results}, keyed by the backup id.
 *
 * @param commandId        the command this answers
 * @param action           what the command asked for
 * @param phase            where the operation is
 * @param backupId         the backup taken, verified or restored (absent for prune, and before a
 *                         {@code latest} is resolved)
 * @param scopes           the scopes involved
 * @param bytes            bytes processed so far (plain archive bytes), or in all when done
 * @param entries          archive entries processed so far, or in all when done
 * @param sizeBytes        the stored (encrypted) object's size, when known
 * @param durationMillis   time since the operation started
 * @param counts           what was handled, by kind: {@code configs}, {@code certs}, {@code redisKeys},
 *                         {@code kubernetesResources}, {@code redisKeysExpired}, {@code deleted} (0 in a dry run),
 *                         {@code wouldDelete} (a dry run only), ...
 * @param ciphertextSha256 SHA-256 of the stored object, hex
 * @param forensicBackupId for restore: the backup of what the restore overwrote
 * @param reason           why it failed (FAILED), or what a PARTIAL restore left to do; for a prune's dry run,
 *                         that it was one and nothing was deleted
 * @param time             when this result was written
 * @param backupIds        for PRUNE: the backups deleted, or in a dry run those that would be; absent otherwise
 */
public record BackupResult(
        String commandId,
        BackupAction action,
        BackupPhase phase,
        String backupId,
        List<BackupScope> scopes,
        long bytes,
        long entries,
        Long sizeBytes,
        long durationMillis,
        Map<String, Long> counts,
        String ciphertextSha256,
        String forensicBackupId,
        String reason,
        Instant time,
        List<String> backupIds) {

    public BackupResult {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        counts = counts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        backupIds = backupIds == null ? null : List.copyOf(backupIds);
    }
}
