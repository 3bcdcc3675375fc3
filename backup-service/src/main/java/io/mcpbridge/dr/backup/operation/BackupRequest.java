package io.mcpbridge.dr.backup.operation;

import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupScope;
import java.util.List;

/**
 * A backup to take.
 *
 * @param scopes      what to include
 * @param sources     where to read each scope
 * @param purpose     why
 * @param missingOk   a missing directory counts as empty (forensic backups of a new target)
 * @param reason      for the index
 * @param requestedBy for the index
 */
public record BackupRequest(
        List<BackupScope> scopes,
        Sources sources,
        BackupIndex.Purpose purpose,
        boolean missingOk,
        String reason,
        String requestedBy) {}
