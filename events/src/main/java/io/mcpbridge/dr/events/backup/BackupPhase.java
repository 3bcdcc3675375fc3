package io.mcpbridge.dr.events.backup;

/**
 * Where an operation is: one STARTED, PROGRESS at a steady pace, then exactly one of SUCCEEDED, FAILED or
 * PARTIAL.
 */
public enum BackupPhase {
    /** Taken on by backup-service. */
    STARTED,
    /** Still running: bytes and entries so far. */
    PROGRESS,
    /** Done, all of it. */
    SUCCEEDED,
    /** Nothing was changed (or, for a backup, nothing usable was stored); {@code reason} says why. */
    FAILED,
    /**
     * A restore that wrote part of what it should and then lost its target (a Redis connection dropped):
     * {@code counts} say how much was written; running the same restore again completes it.
     */
    PARTIAL;

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == PARTIAL;
    }
}
