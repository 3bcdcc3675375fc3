package io.mcpbridge.dr.drctl.commands.backup;

import io.mcpbridge.dr.drctl.ExitCodes;
import io.mcpbridge.dr.drctl.output.OutputFormat;
import io.mcpbridge.dr.drctl.output.Structured;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupPhase;
import io.mcpbridge.dr.events.backup.BackupResult;
import java.util.List;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "prune",
        description = {
            "Apply the retention policy now. With --dry-run, backup-service lists what it would delete and deletes"
                    + " nothing."
        })
public final class BackupPruneCommand extends BackupSendingCommand {

    @Option(
            names = {"-y", "--yes"},
            description = "Confirm without being asked.")
    boolean yes;

    @Override
    protected int run() {
        if (!dryRun) {
            confirm(yes, "This deletes the backups the retention policy no longer keeps.", "prune");
        }
        BackupCommand command = command(BackupAction.PRUNE, List.of(), null, null, dryRun ? Boolean.TRUE : null);
        return sendBackup(command, "pruning", OptionalLong.empty());
    }

    @Override
    protected boolean dryRunAtService() {
        return true;
    }

    @Override
    protected int finished(BackupResult result) {
        if (output != OutputFormat.TABLE) {
            terminal.println(Structured.render(new BackupAnswer(answer(), result), output));
        } else if (result.phase() == BackupPhase.SUCCEEDED) {
            List<String> ids = result.backupIds() == null ? List.of() : result.backupIds();
            terminal.println((dryRun ? "would delete " : "deleted ") + ids.size() + " backup"
                    + (ids.size() == 1 ? "" : "s") + (ids.isEmpty() ? "" : ":"));
            ids.forEach(id -> terminal.println("  " + id));
        } else {
            terminal.println(summary(result));
        }
        return result.phase() == BackupPhase.SUCCEEDED ? ExitCodes.DONE : ExitCodes.FAILED;
    }

    @Override
    protected String verb(BackupResult result) {
        return dryRun ? "checked" : "pruned";
    }
}
