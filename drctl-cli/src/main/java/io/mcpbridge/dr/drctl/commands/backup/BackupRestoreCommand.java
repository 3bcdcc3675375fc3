package io.mcpbridge.dr.drctl.commands.backup;

import io.mcpbridge.dr.drctl.commands.ScopesOption;
import io.mcpbridge.dr.drctl.state.BackupCatalogRecords;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.backup.RestoreTargets;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "restore",
        description = {
            "Restore scopes of a backup, directly through backup-service (no incident, no restart): every byte is"
                    + " proven first, and what is overwritten is kept as a forensic backup. For a restore with"
                    + " restart and verification on an incident, use drctl restore."
        })
public final class BackupRestoreCommand extends BackupSendingCommand {

    @Parameters(paramLabel = "ID|latest", description = "A backup id, or latest.")
    String backup;

    @Mixin
    ScopesOption scopes;

    @Option(
            names = "--target",
            paramLabel = "NAME",
            description =
                    "A Redis target backup-service is configured with (standby, scratch), instead of the original.")
    String redisTarget;

    @Option(
            names = "--namespace",
            paramLabel = "NAMESPACE",
            description = "Restore Kubernetes resources into this namespace (one backup-service allows).")
    String namespace;

    @Option(
            names = {"-y", "--yes"},
            description = "Confirm without being asked.")
    boolean yes;

    @Override
    protected int run() {
        List<BackupScope> chosen = scopes.parsed();
        String names = chosen.stream().map(BackupScope::wireName).collect(Collectors.joining(","));
        String where = redisTarget == null && namespace == null ? "where they came from" : "to the named target";
        confirm(yes, "This overwrites " + names + " " + where + " with backup " + backup + ".", names);
        BackupCommand command = command(
                BackupAction.RESTORE,
                chosen,
                backup,
                redisTarget == null && namespace == null ? null : new RestoreTargets(redisTarget, namespace, null),
                null);
        return sendBackup(
                command,
                "restoring",
                dryRun
                        ? OptionalLong.empty()
                        : BackupCatalogRecords.read(kafka()).plainBytesOf(backup));
    }

    @Override
    protected String verb(BackupResult result) {
        return "restored"
                + (result.forensicBackupId() == null
                        ? ""
                        : " (overwritten data kept in " + result.forensicBackupId() + ")");
    }
}
