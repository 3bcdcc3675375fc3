package io.mcpbridge.dr.drctl.commands.recovery;

import io.mcpbridge.dr.drctl.commands.ScopesOption;
import io.mcpbridge.dr.events.incident.RecoveryAction;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "restore",
        description = {
            "Restore a component's data from a backup through the coordinator's restore runbook: a forensic copy"
                    + " of what is there first, then the restore, a restart and verification, on an incident."
        })
public final class RestoreCommand extends ConfirmedRecoveryCommand {

    @Mixin
    ScopesOption scopes;

    @Option(
            names = "--backup",
            paramLabel = "ID",
            defaultValue = "latest",
            description = "A backup id, or latest (default): the newest good backup.")
    String backup;

    @Override
    protected RecoveryAction action() {
        return RecoveryAction.RESTORE;
    }

    @Override
    protected String warning() {
        return "This overwrites " + scopes.joined() + " of " + component + " with backup " + backup + ".";
    }

    @Override
    protected Arguments arguments() {
        return new Arguments(null, backup, scopes.names(), null, List.of());
    }
}
