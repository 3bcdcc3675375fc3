package io.mcpbridge.dr.drctl.commands.backup;

import picocli.CommandLine.Command;

@Command(
        name = "backup",
        description = "Backups: take, list, show, verify, restore, prune.",
        subcommands = {
            BackupNowCommand.class,
            BackupListCommand.class,
            BackupShowCommand.class,
            BackupVerifyCommand.class,
            BackupRestoreCommand.class,
            BackupPruneCommand.class
        })
public final class BackupGroup {}
