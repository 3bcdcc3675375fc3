package io.mcpbridge.dr.events.backup;

/** What a backup command asks for. */
public enum BackupAction {
    /** Take a new backup of the given scopes (all when none are given). */
    BACKUP,
    /**
     * Keep a copy of what is there now for investigation (the plan's forensic step before a restore): stored
     * like a backup but never restored as {@code latest} and never counted as a recovery point.
     */
    FORENSIC,
    /** Download a backup, check every hash, test-restore its Redis scope into a scratch instance. */
    VERIFY,
    /**
     * Restore a backup, after proving every byte of it and taking a forensic backup of what it will overwrite;
     * keys of a restored Redis scope that the backup does not hold are removed.
     */
    RESTORE,
    /** Apply the retention policy now. */
    PRUNE;

    /** Whether it writes a new archive (and so names no backup of its own). */
    public boolean takesNew() {
        return this == BACKUP || this == FORENSIC;
    }
}
