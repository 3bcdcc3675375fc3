package io.mcpbridge.dr.drctl.commands.recovery;

import io.mcpbridge.dr.events.incident.RecoveryAction;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A recovery command that restarts or changes production: the person types the component's name back, or
 * passes {@code --yes}; without either nothing is sent.
 */
abstract class ConfirmedRecoveryCommand extends RecoveryCommandBase {

    @Parameters(paramLabel = "COMPONENT", description = "gateway, router, redis, or all where the runbook allows.")
    String component;

    @Option(
            names = {"-y", "--yes"},
            description = "Confirm without being asked.")
    boolean yes;

    protected abstract RecoveryAction action();

    /** What will happen, in a sentence, for the confirmation. */
    protected abstract String warning();

    /** The command's parameters beyond its action and component. */
    protected Arguments arguments() {
        return Arguments.NONE;
    }

    @Override
    protected final int run() {
        confirm(yes, warning(), component);
        return sendRecovery(action(), component, arguments(), true);
    }
}
