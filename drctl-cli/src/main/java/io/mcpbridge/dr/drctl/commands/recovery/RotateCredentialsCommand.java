package io.mcpbridge.dr.drctl.commands.recovery;

import io.mcpbridge.dr.events.incident.RecoveryAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "rotate-credentials",
        description = "Replace a component's credential with a fresh random value and restart what uses it.")
public final class RotateCredentialsCommand extends RecoveryCommandBase {

    @Parameters(paramLabel = "COMPONENT", description = "gateway, router or redis.")
    String component;

    @Option(
            names = {"-y", "--yes"},
            description = "Confirm without being asked.")
    boolean yes;

    @Override
    protected int run() {
        confirm(
                yes,
                "This replaces the credentials of COMPONENT and restarts what uses them."
                        .replace("COMPONENT", component),
                component);
        return sendRecovery(RecoveryAction.ROTATE_CREDENTIALS, component, Arguments.NONE, true);
    }
}
