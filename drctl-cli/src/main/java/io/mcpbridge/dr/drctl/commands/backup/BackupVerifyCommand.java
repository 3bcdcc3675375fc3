package io.mcpbridge.dr.drctl.commands.backup;

import io.mcpbridge.dr.drctl.state.BackupCatalogRecords;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupResult;
import java.util.List;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "verify",
        description = {
            "Verify a backup: download it, check every hash, test-restore its Redis scope into a scratch"
                    + " instance. Exit 0 when it is good, 1 when it is not."
        })
public final class BackupVerifyCommand extends BackupSendingCommand {

    @Parameters(
            paramLabel = "ID|latest",
            defaultValue = BackupCommand.LATEST,
            description = "A backup id, or latest (default).")
    String backup;

    @Override
    protected int run() {
        BackupCommand command = command(BackupAction.VERIFY, List.of(), backup, null, null);
        return sendBackup(command, "verifying", sizeOf(backup));
    }

    /** The plain size of a named backup: the total the progress counts towards. */
    private OptionalLong sizeOf(String id) {
        if (dryRun || BackupCommand.LATEST.equalsIgnoreCase(id)) {
            return OptionalLong.empty();
        }
        return BackupCatalogRecords.read(kafka()).plainBytesOf(id);
    }

    @Override
    protected String verb(BackupResult result) {
        return "verified";
    }
}
