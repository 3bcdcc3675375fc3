package io.mcpbridge.dr.events.backup;

/** What a backup command asks for. */
public enum BackupAction {
    /** Take a new backup of the given scopes (all when none are given). */
    BACKUP,
    /** Download a backup, check every hash, test-restore its Redis scope into a scratch instance. */
    VERIFY,
    /** Restore a verified-readable backup, after a forensic backup of what it will overwrite. */
    RESTORE,
    /** Apply the retention policy now. */
    PRUNE
}
