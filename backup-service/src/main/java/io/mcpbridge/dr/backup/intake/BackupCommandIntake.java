package io.mcpbridge.dr.backup.intake;

import io.mcpbridge.dr.backup.store.BucketLayout;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.json.MalformedEventException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads commands from {@code mcp-dr.commands.backup} and runs them one after the other on a worker thread.
 * A command is acknowledged once its outcome is recorded, successful or not; one that cannot be read or
 * makes no sense goes to {@code mcp-dr.dlq} with the reason.
 */
@ApplicationScoped
public class BackupCommandIntake {

    private static final Logger LOG = Logger.getLogger(BackupCommandIntake.class);

    private final CommandRunner runner;

    public BackupCommandIntake(CommandRunner runner) {
        this.runner = runner;
    }

    @Incoming(Topics.COMMANDS_BACKUP)
    @Blocking(ordered = true)
    @SuppressWarnings("unchecked")
    public CompletionStage<Void> receive(Message<byte[]> message) {
        BackupCommand command;
        try {
            IncomingKafkaRecordMetadata<String, byte[]> metadata = message
                    .getMetadata(IncomingKafkaRecordMetadata.class)
                    .orElseThrow(() -> new MalformedEventException("not a Kafka record"));
            command = validate(EventRecords.fromParts(metadata.getKey(), message.getPayload(), metadata.getHeaders()));
        } catch (MalformedEventException e) {
            LOG.warnf("backup command refused: %s", e.getMessage());
            return message.nack(e);
        } catch (RuntimeException e) {
            LOG.warnf("backup command unreadable: %s", e.getClass().getSimpleName());
            return message.nack(new MalformedEventException("unreadable command: " + e.getClass().getSimpleName()));
        }
        runner.run(command);
        return message.ack();
    }

    static BackupCommand validate(EventEnvelope envelope) {
        if (envelope.type() != EventType.BACKUP_REQUESTED) {
            throw new MalformedEventException("expected " + EventType.BACKUP_REQUESTED.typeName() + ", got "
                    + envelope.type().typeName());
        }
        BackupCommand command = (BackupCommand) envelope.payload();
        if (command.id() == null || command.id().isBlank()) {
            throw new MalformedEventException("backup command without id");
        }
        try {
            new BucketLayout("").commandKey(command.id());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("backup command id: " + e.getMessage());
        }
        if (command.action() == null) {
            throw new MalformedEventException("backup command " + command.id() + " without action");
        }
        boolean namesBackup = command.backupId() != null && !command.backupId().isBlank();
        if ((command.action() == BackupAction.BACKUP || command.action() == BackupAction.PRUNE) && namesBackup) {
            throw new MalformedEventException(command.action() + " takes no backupId");
        }
        if (namesBackup && !BackupCommand.LATEST.equalsIgnoreCase(command.backupId().strip())
                && !BucketLayout.isBackupId(command.backupId().strip())) {
            throw new MalformedEventException("backupId '" + command.backupId() + "' is neither a backup id nor 'latest'");
        }
        if (command.targets() != null && command.action() != BackupAction.RESTORE) {
            throw new MalformedEventException("only RESTORE takes targets");
        }
        return command;
    }
}
