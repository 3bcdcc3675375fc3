package io.mcpbridge.dr.drctl.commands.recovery;

import io.mcpbridge.dr.events.incident.RecoveryAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "recover",
        description = {
            "Run a scenario's runbook for a component (restart, roll back, ...), or the plan's choice when no"
                    + " scenario is named. With automation already at work on the component, confirms its"
                    + " destructive steps."
        })
public final class RecoverCommand extends RecoveryCommandBase {

    @Parameters(paramLabel = "COMPONENT", description = "gateway, router, redis, or all.")
    String component;

    @Option(
            names = "--scenario",
            paramLabel = "SCENARIO",
            description = "The runbook: service-failure, data-corruption, security-breach, ...")
    String scenario;

    @Option(
            names = {"-y", "--yes"},
            description = "Confirm without being asked.")
    boolean yes;

    @Override
    protected int run() {
        confirm(
                yes,
                "This runs the " + (scenario == null ? "plan's chosen" : scenario) + " runbook on " + component
                        + ", which restarts or changes it.",
                component);
        return sendRecovery(
                RecoveryAction.RECOVER, component, new Arguments(scenario, null, java.util.List.of(), null), true);
    }
}
