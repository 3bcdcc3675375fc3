package io.mcpbridge.dr.drctl.commands.backup;

import io.mcpbridge.dr.drctl.ExitCodes;
import io.mcpbridge.dr.drctl.commands.SendingCommand;
import io.mcpbridge.dr.drctl.output.Human;
import io.mcpbridge.dr.drctl.output.OutputFormat;
import io.mcpbridge.dr.drctl.output.ProgressBar;
import io.mcpbridge.dr.drctl.output.Structured;
import io.mcpbridge.dr.drctl.send.CommandDelivery;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.backup.BackupPhase;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.backup.RestoreTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A command for backup-service on {@code mcp-dr.commands.backup}: sent, answered, then followed through its
 * results to the end, with a progress bar. After the answer, {@code --timeout} is how long drctl waits for the
 * next result (backup-service reports progress every few seconds), not for the whole operation.
 */
abstract class BackupSendingCommand extends SendingCommand {

    /**
     * The command, with a fresh id, the engineer as the one who asks, and {@code --reason} (else "drctl backup
     * &lt;action&gt;").
     */
    protected BackupCommand command(
            BackupAction action, List<BackupScope> scopes, String backupId, RestoreTargets targets, Boolean dryRun) {
        String name = action.name().toLowerCase(Locale.ROOT);
        return new BackupCommand(
                newCommandId(name),
                action,
                scopes,
                backupId,
                targets,
                reason == null ? "drctl backup " + name : reason,
                connection.settings().identity().orElse(null),
                clock.instant(),
                null,
                dryRun);
    }

    protected int sendBackup(BackupCommand command, String label, OptionalLong expectedBytes) {
        if (dryRun && !dryRunAtService()) {
            // backup-service runs only a prune as a dry run; for the others, drctl shows what it would send.
            terminal.println("dry run: would send, signed as " + signer().name() + ":");
            terminal.println(Structured.render(command, output == OutputFormat.TABLE ? OutputFormat.YAML : output));
            return ExitCodes.DONE;
        }
        EventEnvelope event = new EventEnvelope(
                command.id(), EventType.BACKUP_REQUESTED, SOURCE, command.kafkaKey(), command.requestedAt(), command);
        return send(event, true, delivery -> follow(delivery, label, expectedBytes));
    }

    private int follow(CommandDelivery delivery, String label, OptionalLong expectedBytes) {
        ProgressBar bar = new ProgressBar(terminal, label, expectedBytes);
        while (true) {
            Optional<BackupResult> next = delivery.nextResult(Instant.now().plus(timeout));
            if (next.isEmpty()) {
                bar.finish();
                terminal.note(terminal.yellow("no news from backup-service for " + Human.duration(timeout))
                        + "\n  it may still be running: drctl backup list shows what is stored");
                return ExitCodes.TIMED_OUT;
            }
            BackupResult result = next.get();
            if (result.phase() == BackupPhase.PROGRESS) {
                bar.update(result);
            } else if (result.phase().terminal()) {
                bar.finish();
                return finished(result);
            }
        }
    }

    /** Whether backup-service itself runs this command as a dry run (a prune), rather than drctl showing it. */
    protected boolean dryRunAtService() {
        return false;
    }

    /** Prints the terminal result; the exit code. */
    protected int finished(BackupResult result) {
        if (output != OutputFormat.TABLE) {
            terminal.println(Structured.render(new BackupAnswer(answer(), result), output));
        } else {
            terminal.println(summary(result));
        }
        return result.phase() == BackupPhase.SUCCEEDED ? ExitCodes.DONE : ExitCodes.FAILED;
    }

    /** One line for people; the backup id last on a success, where a script's {@code awk '{print $NF}'} finds it. */
    protected String summary(BackupResult result) {
        String counts =
                result.counts().values().stream().allMatch(count -> count == 0) ? "" : " " + counts(result.counts());
        return switch (result.phase()) {
            case SUCCEEDED ->
                terminal.green(verb(result)) + " in "
                        + Human.duration(Duration.ofMillis(result.durationMillis()))
                        + ", " + Human.bytes(result.bytes()) + counts
                        + (result.backupId() == null ? "" : ": " + result.backupId());
            case PARTIAL -> terminal.yellow("partly restored") + counts + ": " + result.reason();
            default -> terminal.red("failed") + ": " + result.reason();
        };
    }

    /** What succeeded, in words: {@code backed up}, {@code verified}. */
    protected abstract String verb(BackupResult result);

    private static String counts(Map<String, Long> counts) {
        StringBuilder text = new StringBuilder("(");
        counts.forEach((kind, count) -> {
            if (count != 0) {
                text.append(text.length() > 1 ? ", " : "")
                        .append(count)
                        .append(' ')
                        .append(kind);
            }
        });
        return text.append(')').toString();
    }
}
