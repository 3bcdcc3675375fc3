package io.mcpbridge.dr.events.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An engineer's (or a drill's) command on {@code mcp-dr.commands.recovery}, keyed by component. Accepted
 * only when signed by a trusted signer, fresh by the broker's time and not taken before (see
 * {@code trust.RecordAuthenticator}); otherwise it goes to the dead letter topic with the reason and
 * nothing runs.
 *
 * @param id             unique; the idempotency key ({@code ce_id})
 * @param action         what to do
 * @param component      which component ({@code gateway}, {@code router}, {@code redis}, or {@code all})
 * @param scenario       for RECOVER: the runbook to run ({@code security-breach}, ...); absent: the master
 *                       script's choice
 * @param backupId       for RESTORE: a backup id or {@code latest}
 * @param scopes         for RESTORE: which scopes
 * @param reason         why, for the timeline
 * @param requestedBy    who: the coordinator replaces it with the verified signer
 * @param confirmed      the person confirms a destructive action
 * @param dryRun         run everything but the effect
 * @param maintenanceFor for MAINTENANCE_ON: how long
 * @param requestedAt    when, as the sender's tool says (freshness counts from the signed {@code ce_time})
 * @param audiences      for TELL: the communication plan's audiences to tell now ({@code customers},
 *                       {@code leadership}, ...); {@code reason} holds the words they read
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
        Instant requestedAt,
        List<String> audiences) {

    public RecoveryCommand {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
    }

    /** The same command, asked for by {@code who} (the verified signer). */
    public RecoveryCommand withRequestedBy(String who) {
        return new RecoveryCommand(
                id,
                action,
                component,
                scenario,
                backupId,
                scopes,
                reason,
                who,
                confirmed,
                dryRun,
                maintenanceFor,
                requestedAt,
                audiences);
    }
}
