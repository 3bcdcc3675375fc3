package io.mcpbridge.dr.events.command;

import io.mcpbridge.dr.events.json.MalformedEventException;
import java.time.Instant;

/**
 * What became of one command: the single answer its sender waits for, from the service that handled it.
 * Topic {@code mcp-dr.commands.outcomes}, key the command id, signed by that service.
 *
 * @param commandId  the command's id ({@code ce_id}), the key a sender looks for
 * @param handledBy  the service that decided: {@code recovery-coordinator} or {@code backup-service}
 * @param verdict    accepted, refused (never believed: unsigned, a stranger, stale, a replay, malformed) or
 *                   not run (believed, but nothing was done: another runbook at work, a wrong parameter)
 * @param reason     why it was refused or not run; for an accepted command, what it did
 * @param component  the component (recovery commands) or the record's key, when known
 * @param incidentId the incident the command opened or moved, when it did
 * @param at         when the service decided
 */
public record CommandOutcome(
        String commandId,
        String handledBy,
        Verdict verdict,
        String reason,
        String component,
        String incidentId,
        Instant at) {

    public CommandOutcome {
        if (commandId == null || commandId.isBlank()) {
            throw new MalformedEventException("a command outcome names its command");
        }
        if (handledBy == null || verdict == null || at == null) {
            throw new MalformedEventException("a command outcome needs handledBy, verdict and at");
        }
    }

    public static CommandOutcome accepted(
            String commandId, String handledBy, String what, String component, String incidentId, Instant at) {
        return new CommandOutcome(commandId, handledBy, Verdict.ACCEPTED, what, component, incidentId, at);
    }

    public static CommandOutcome refused(
            String commandId, String handledBy, String reason, String component, Instant at) {
        return new CommandOutcome(commandId, handledBy, Verdict.REFUSED, reason, component, null, at);
    }

    public static CommandOutcome notRun(
            String commandId, String handledBy, String reason, String component, String incidentId, Instant at) {
        return new CommandOutcome(commandId, handledBy, Verdict.NOT_RUN, reason, component, incidentId, at);
    }

    /** The three answers a command can get. */
    public enum Verdict {
        /** Believed and done (or started: a runbook's own progress is on the incident). */
        ACCEPTED,
        /** Not believed, nothing done. */
        REFUSED,
        /** Believed, but nothing done. */
        NOT_RUN
    }
}
