package io.mcpbridge.dr.backup.redis;

import java.util.Locale;

/** How the Redis part of a backup is read; the backup's manifest names the one that made it. */
public enum SnapshotMethod {
    /**
     * The server's own snapshot, taken as a replica takes it (SYNC): one point in time, the moment the server forked.
     */
    REPLICATION,
    /** Key by key (SCAN, then DUMP and PTTL): for servers that refuse replication; not one point in time. */
    SCAN;

    /** The name in the manifest and in configuration. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
