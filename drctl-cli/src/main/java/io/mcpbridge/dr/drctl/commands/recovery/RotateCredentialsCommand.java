package io.mcpbridge.dr.drctl.commands.recovery;

import io.mcpbridge.dr.events.incident.RecoveryAction;
import picocli.CommandLine.Command;

@Command(
        name = "rotate-credentials",
        description = "Replace a component's credential with a fresh random value and restart what uses it.")
public final class RotateCredentialsCommand extends ConfirmedRecoveryCommand {

    @Override
    protected RecoveryAction action() {
        return RecoveryAction.ROTATE_CREDENTIALS;
    }

    @Override
    protected String warning() {
        return "This replaces the credentials of " + component + " and restarts what uses them.";
    }
}
