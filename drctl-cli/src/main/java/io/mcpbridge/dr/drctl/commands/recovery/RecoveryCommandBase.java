package io.mcpbridge.dr.drctl.commands.recovery;

import io.mcpbridge.dr.drctl.DrctlException;
import io.mcpbridge.dr.drctl.ExitCodes;
import io.mcpbridge.dr.drctl.commands.SendingCommand;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.incident.RecoveryAction;
import io.mcpbridge.dr.events.incident.RecoveryCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** A command for the recovery coordinator on {@code mcp-dr.commands.recovery}, keyed by its component. */
abstract class RecoveryCommandBase extends SendingCommand {

    /** As the coordinator checks it: lower-case letters, digits and '-'. */
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** The command's parameters beyond its action and component. */
    record Arguments(
            String scenario, String backupId, List<String> scopes, Duration maintenanceFor, List<String> audiences) {
        static final Arguments NONE = new Arguments(null, null, List.of(), null, List.of());
    }

    private RecoveryAction sent;

    @Override
    protected boolean startsRunbook() {
        return sent == RecoveryAction.RECOVER || (sent != null && sent.destructive());
    }

    protected int sendRecovery(RecoveryAction action, String component, Arguments arguments, boolean confirmed) {
        sent = action;
        if (!COMPONENT.matcher(component).matches()) {
            throw new DrctlException(
                    ExitCodes.REFUSED,
                    "'" + component + "' is not a component name (lower-case letters, digits and '-'): gateway,"
                            + " router, redis, or all");
        }
        if (action.destructive() && (reason == null || reason.isBlank())) {
            throw new DrctlException(
                    ExitCodes.REFUSED, "say why with --reason: it is written on the incident's timeline");
        }
        Instant now = clock.instant();
        String id = newCommandId(action.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        RecoveryCommand command = new RecoveryCommand(
                id,
                action,
                component,
                arguments.scenario(),
                arguments.backupId(),
                arguments.scopes(),
                reason,
                connection.settings().identity().orElse(null),
                confirmed,
                dryRun,
                arguments.maintenanceFor(),
                now,
                arguments.audiences());
        return send(
                new EventEnvelope(id, EventType.RECOVERY_REQUESTED, SOURCE, component, now, command),
                false,
                delivery -> ExitCodes.DONE);
    }
}
