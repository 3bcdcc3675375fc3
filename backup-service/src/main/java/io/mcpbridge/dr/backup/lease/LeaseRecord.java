package io.mcpbridge.dr.backup.lease;

import java.time.Instant;

/**
 * One generation of a scope's lease, as stored: who holds the scope, for which command, until when; or, once
 * {@code released}, that nobody does.
 *
 * @param holder    the backup-service instance (its pod or host name and process)
 * @param commandId the command it runs
 * @param action    that command's action, for whoever waits
 * @param expiresAt when the lease lapses unless renewed (by the holder's clock)
 * @param released  whether the holder gave the scope back
 */
public record LeaseRecord(String holder, String commandId, String action, Instant expiresAt, boolean released) {

    /** Whether this generation keeps others out at {@code now}. */
    public boolean holdsAt(Instant now) {
        return !released && expiresAt != null && expiresAt.isAfter(now);
    }

    /** For the log and for those who wait: "restore cmd-42 on backup-service-7f9c until 09:14:02Z". */
    public String describe() {
        return action + " " + commandId + " on " + holder + " until " + expiresAt;
    }
}
