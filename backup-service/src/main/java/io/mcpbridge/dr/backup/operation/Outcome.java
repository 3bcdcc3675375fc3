package io.mcpbridge.dr.backup.operation;

import io.mcpbridge.dr.events.backup.BackupScope;
import java.util.List;
import java.util.Map;

/**
 * What a finished operation reports.
 *
 * @param backupId         the backup concerned (null for prune)
 * @param scopes           the scopes involved
 * @param counts           what was handled, by kind
 * @param sizeBytes        the stored archive's size, when one is concerned
 * @param ciphertextSha256 its SHA-256
 * @param forensicBackupId for restores, the backup of what was overwritten
 * @param backupIds        for prune, the backups deleted (or, in a dry run, those that would be); null otherwise
 * @param note             what a success must say besides its counts (a dry run changed nothing); null otherwise
 */
public record Outcome(
        String backupId,
        List<BackupScope> scopes,
        Map<String, Long> counts,
        Long sizeBytes,
        String ciphertextSha256,
        String forensicBackupId,
        List<String> backupIds,
        String note) {}
