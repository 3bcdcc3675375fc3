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
    PRUNE,
    /**
     * Compare restore targets with a backup, reading only (a drill's check of what it restored): each file's
     * hash as in the manifest, each Kubernetes resource present, the Redis key count as the backup's and a
     * sample of values identical.
     */
    CHECK,
    /**
     * Empty restore targets configured as disposable (a drill's scratch Redis, namespace and directory): never
     * an original place, and in a namespace only what a restore put there.
     */
    DISCARD;

    /** Whether it works on restore targets ({@code targets}) rather than only on the original places. */
    public boolean takesTargets() {
        return this == RESTORE || this == CHECK || this == DISCARD;
    }

    /** Whether it writes a new archive (and so names no backup of its own). */
    public boolean takesNew() {
        return this == BACKUP || this == FORENSIC;
    }
}
