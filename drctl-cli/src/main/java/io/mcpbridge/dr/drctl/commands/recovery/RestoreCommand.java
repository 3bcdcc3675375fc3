package io.mcpbridge.dr.drctl.commands.recovery;

import io.mcpbridge.dr.events.incident.RecoveryAction;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "restore",
        description = {
            "Restore a component's data from a backup through the coordinator's restore runbook: a forensic copy"
                    + " of what is there first, then the restore, a restart and verification, on an incident."
        })
public final class RestoreCommand extends RecoveryCommandBase {

    @Parameters(paramLabel = "COMPONENT", description = "Whose data: redis, gateway, router.")
    String component;

    @Option(
            names = "--scopes",
            split = ",",
            required = true,
            paramLabel = "SCOPE",
            description = "What to restore: configs, certs, redis, kubernetes.")
    List<String> scopes;

    @Option(
            names = "--backup",
            paramLabel = "ID",
            defaultValue = "latest",
            description = "A backup id, or latest (default): the newest good backup.")
    String backup;

    @Option(
            names = {"-y", "--yes"},
            description = "Confirm without being asked.")
    boolean yes;

    @Override
    protected int run() {
        confirm(
                yes,
                "This overwrites " + String.join(",", scopes) + " of " + component + " with backup " + backup + ".",
                component);
        return sendRecovery(RecoveryAction.RESTORE, component, new Arguments(null, backup, scopes, null), true);
    }
}
