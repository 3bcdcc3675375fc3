package io.mcpbridge.dr.events.backup;

/** Where an operation is: one STARTED, PROGRESS at a steady pace, then exactly one of SUCCEEDED or FAILED. */
public enum BackupPhase {
    STARTED,
    PROGRESS,
    SUCCEEDED,
    FAILED;

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
