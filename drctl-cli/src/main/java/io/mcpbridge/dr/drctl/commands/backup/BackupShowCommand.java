package io.mcpbridge.dr.drctl.commands.backup;

import io.mcpbridge.dr.drctl.commands.ReadingCommand;
import io.mcpbridge.dr.drctl.output.Human;
import io.mcpbridge.dr.drctl.output.Table;
import io.mcpbridge.dr.drctl.state.BackupCatalogRecords;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupScope;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "show", description = "Show one backup: scopes, counts, sizes, verification and age.")
public final class BackupShowCommand extends ReadingCommand {

    @Parameters(paramLabel = "ID", description = "The backup id.")
    String id;

    @Override
    protected int run() {
        BackupIndex backup = BackupCatalogRecords.read(kafka()).byId(id);
        Instant now = clock.instant();
        return show(backup, () -> {
            Table table = new Table("FIELD", "VALUE");
            table.row("id", backup.id());
            table.row("purpose", backup.purpose().name().toLowerCase(Locale.ROOT));
            table.row("status", backup.status().name().toLowerCase(Locale.ROOT));
            table.row(
                    "scopes",
                    backup.scopes().stream().map(BackupScope::wireName).collect(Collectors.joining(",")));
            table.row("taken", Human.time(backup.createdAt()) + " (" + Human.ago(backup.createdAt(), now) + ")");
            table.row("completed", Human.time(backup.completedAt()));
            table.row("stored size", Human.bytes(backup.sizeBytes()));
            table.row("plain size", Human.bytes(backup.plainBytes()));
            backup.counts().forEach((kind, count) -> table.row(kind, Long.toString(count)));
            table.row(
                    "verified",
                    backup.verified() == null
                            ? "not yet"
                            : (backup.verified() ? "yes, " : "FAILED, ") + Human.time(backup.verifiedAt()));
            table.row("verify detail", backup.verifyDetail());
            table.row("failure", backup.failureReason());
            table.row("sha-256", backup.ciphertextSha256());
            table.row("key id", backup.keyId());
            table.row("format", backup.compression() + " + " + backup.encryption());
            table.row("reason", backup.reason());
            table.row("requested by", backup.requestedBy());
            String rendered = table.render();
            return rendered.substring(rendered.indexOf('\n') + 1);
        });
    }
}
