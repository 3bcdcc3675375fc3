package io.mcpbridge.dr.events.incident;

/** What an engineer's recovery command asks for. */
public enum RecoveryAction {
    /** Run a scenario's runbook for a component (or one named action of it). */
    RECOVER,
    /** Restore a backup (id or latest, scopes). Destructive: needs {@code confirmed}. */
    RESTORE,
    /** Fail over to the replica or DR site. Destructive. */
    FAIL_OVER,
    /** Remove session keys from the session store, nothing else. Destructive. */
    REVOKE_SESSIONS,
    /** Replace a credential with a fresh random value and restart what uses it. Destructive. */
    ROTATE_CREDENTIALS,
    /** Start a maintenance window for a component ({@code maintenanceFor}). */
    MAINTENANCE_ON,
    /** End a component's maintenance window. */
    MAINTENANCE_OFF,
    /** A person has seen the incident. */
    ACKNOWLEDGE,
    /** Hand the incident to people now. */
    ESCALATE,
    /** Close the incident. */
    RESOLVE,
    /**
     * Tell audiences of the communication plan about the component's open incident now, in the engineer's words
     * ({@code audiences}, {@code reason}): the plan's "As needed", or earlier than a deadline.
     */
    TELL,
    /**
     * Run a drill now: {@code component} is the drill type's key ({@code drill-backup-verification}, see
     * {@code DrillType.key()}); its result follows on {@code mcp-dr.drills}.
     */
    DRILL;

    /** Whether it needs {@code confirmed: true} (and, like every command, a valid signature). */
    public boolean destructive() {
        return this == RESTORE || this == FAIL_OVER || this == REVOKE_SESSIONS || this == ROTATE_CREDENTIALS;
    }
}
