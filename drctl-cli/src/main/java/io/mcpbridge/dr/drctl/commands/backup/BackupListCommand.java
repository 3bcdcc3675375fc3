package io.mcpbridge.dr.drctl.commands.backup;

import io.mcpbridge.dr.drctl.commands.ReadingCommand;
import io.mcpbridge.dr.drctl.output.Human;
import io.mcpbridge.dr.drctl.output.Table;
import io.mcpbridge.dr.drctl.state.BackupCatalogRecords;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupScope;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

@Command(name = "list", description = "List the backups in backup-service's catalog, newest first.")
public final class BackupListCommand extends ReadingCommand {

    @Override
    protected int run() {
        List<BackupIndex> backups = BackupCatalogRecords.read(kafka()).backups();
        Instant now = clock.instant();
        return show(backups, () -> {
            if (backups.isEmpty()) {
                return "no backup in the catalog";
            }
            Table table = new Table("ID", "PURPOSE", "SCOPES", "TAKEN", "SIZE", "STATUS", "VERIFIED");
            for (BackupIndex backup : backups) {
                table.row(
                        backup.id(),
                        backup.purpose().name().toLowerCase(Locale.ROOT),
                        backup.scopes().stream().map(BackupScope::wireName).collect(Collectors.joining(",")),
                        Human.ago(backup.createdAt(), now),
                        Human.bytes(backup.sizeBytes()),
                        backup.status() == BackupIndex.Status.COMPLETE ? "complete" : terminal.red("failed"),
                        verified(backup, now));
            }
            return table.render();
        });
    }

    private String verified(BackupIndex backup, Instant now) {
        if (backup.verified() == null) {
            return "not yet";
        }
        return backup.verified()
                ? terminal.green("yes") + " " + Human.ago(backup.verifiedAt(), now)
                : terminal.red("FAILED") + " " + Human.ago(backup.verifiedAt(), now);
    }
}
