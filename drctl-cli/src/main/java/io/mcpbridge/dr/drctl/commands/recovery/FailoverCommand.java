package io.mcpbridge.dr.drctl.commands.recovery;

import io.mcpbridge.dr.events.incident.RecoveryAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "failover",
        description = "Fail a component over to its replica or DR site (the plan's fail-over runbook).")
public final class FailoverCommand extends RecoveryCommandBase {

    @Parameters(paramLabel = "COMPONENT", description = "gateway, router or redis.")
    String component;

    @Option(
            names = {"-y", "--yes"},
            description = "Confirm without being asked.")
    boolean yes;

    @Override
    protected int run() {
        confirm(yes, "This fails COMPONENT over to its standby.".replace("COMPONENT", component), component);
        return sendRecovery(RecoveryAction.FAIL_OVER, component, Arguments.NONE, true);
    }
}
