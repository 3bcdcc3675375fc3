package io.mcpbridge.dr.drctl.commands.recovery;

import io.mcpbridge.dr.events.incident.RecoveryAction;
import picocli.CommandLine.Command;

@Command(
        name = "failover",
        description = "Fail a component over to its replica or DR site (the plan's fail-over runbook).")
public final class FailoverCommand extends ConfirmedRecoveryCommand {

    @Override
    protected RecoveryAction action() {
        return RecoveryAction.FAIL_OVER;
    }

    @Override
    protected String warning() {
        return "This fails " + component + " over to its standby.";
    }
}
