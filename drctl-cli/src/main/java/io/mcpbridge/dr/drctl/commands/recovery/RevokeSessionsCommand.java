package io.mcpbridge.dr.drctl.commands.recovery;

import io.mcpbridge.dr.events.incident.RecoveryAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "revoke-sessions",
        description =
                "Remove every session from the session store (session keys only), so that everyone signs in again.")
public final class RevokeSessionsCommand extends RecoveryCommandBase {

    @Parameters(paramLabel = "COMPONENT", description = "gateway, router or redis.")
    String component;

    @Option(
            names = {"-y", "--yes"},
            description = "Confirm without being asked.")
    boolean yes;

    @Override
    protected int run() {
        confirm(yes, "This signs everyone out of COMPONENT.".replace("COMPONENT", component), component);
        return sendRecovery(RecoveryAction.REVOKE_SESSIONS, component, Arguments.NONE, true);
    }
}
