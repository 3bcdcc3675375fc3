package io.mcpbridge.dr.drctl.commands.backup;

import io.mcpbridge.dr.drctl.commands.ScopeNames;
import io.mcpbridge.dr.drctl.state.BackupCatalogRecords;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.backup.BackupScope;
import java.util.List;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "now", description = "Take a backup now and show its progress; prints the backup id at the end.")
public final class BackupNowCommand extends BackupSendingCommand {

    @Option(
            names = "--scopes",
            split = ",",
            paramLabel = "SCOPE",
            description = "configs, certs, redis, kubernetes (default: every scope backup-service takes).")
    List<String> scopes;

    @Override
    protected int run() {
        List<BackupScope> chosen = ScopeNames.parse(scopes);
        BackupCommand command = command(BackupAction.BACKUP, chosen, null, null, null);
        return sendBackup(
                command,
                "backing up",
                dryRun
                        ? OptionalLong.empty()
                        : BackupCatalogRecords.read(kafka()).plainBytesOfLast(chosen));
    }

    @Override
    protected String verb(BackupResult result) {
        return "backed up";
    }
}
