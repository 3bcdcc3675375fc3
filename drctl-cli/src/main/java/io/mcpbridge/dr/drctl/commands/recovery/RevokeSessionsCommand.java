package io.mcpbridge.dr.drctl.commands.recovery;

import io.mcpbridge.dr.events.incident.RecoveryAction;
import picocli.CommandLine.Command;

@Command(
        name = "revoke-sessions",
        description =
                "Remove every session from the session store (session keys only), so that everyone signs in again.")
public final class RevokeSessionsCommand extends ConfirmedRecoveryCommand {

    @Override
    protected RecoveryAction action() {
        return RecoveryAction.REVOKE_SESSIONS;
    }

    @Override
    protected String warning() {
        return "This signs everyone out of " + component + ".";
    }
}
