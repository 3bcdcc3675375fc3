package io.mcpbridge.dr.events.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An engineer's (or a drill's) command on {@code mcp-dr.commands.recovery}, keyed by component. Accepted
 * only with a valid {@code mcpdr-signature} header (HMAC-SHA256 over id, time and payload); otherwise it
 * goes to the dead letter topic with the reason and nothing runs.
 *
 * @param id             unique; the idempotency key ({@code ce_id})
 * @param action         what to do
 * @param component      which component ({@code gateway}, {@code router}, {@code redis}, or {@code all})
 * @param scenario       for RECOVER: the runbook to run ({@code security-breach}, ...); absent: the master
 *                       script's choice
 * @param backupId       for RESTORE: a backup id or {@code latest}
 * @param scopes         for RESTORE: which scopes
 * @param reason         why, for the timeline
 * @param requestedBy    who
 * @param confirmed      the person confirms a destructive action
 * @param dryRun         run everything but the effect
 * @param maintenanceFor for MAINTENANCE_ON: how long
 * @param requestedAt    when (also signed: old commands are refused)
 */
public record RecoveryCommand(
        String id,
        RecoveryAction action,
        String component,
        String scenario,
        String backupId,
        List<String> scopes,
        String reason,
        String requestedBy,
        boolean confirmed,
        boolean dryRun,
        Duration maintenanceFor,
        Instant requestedAt) {

    public RecoveryCommand {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }
}
