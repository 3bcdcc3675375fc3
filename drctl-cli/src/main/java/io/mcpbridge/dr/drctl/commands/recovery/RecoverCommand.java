package io.mcpbridge.dr.drctl.commands.recovery;

import io.mcpbridge.dr.events.incident.RecoveryAction;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "recover",
        description = {
            "Run a scenario's runbook for a component (restart, roll back, ...), or the plan's choice when no"
                    + " scenario is named. With automation already at work on the component, confirms its"
                    + " destructive steps."
        })
public final class RecoverCommand extends ConfirmedRecoveryCommand {

    @Option(
            names = "--scenario",
            paramLabel = "SCENARIO",
            description = "The runbook: service-failure, data-corruption, security-breach, ...")
    String scenario;

    @Override
    protected RecoveryAction action() {
        return RecoveryAction.RECOVER;
    }

    @Override
    protected String warning() {
        return "This runs the " + (scenario == null ? "plan's chosen" : scenario) + " runbook on " + component
                + ", which restarts or changes it.";
    }

    @Override
    protected Arguments arguments() {
        return new Arguments(scenario, null, List.of(), null, List.of());
    }
}
