package io.mcpbridge.dr.backup.intake;

import io.mcpbridge.dr.backup.metrics.BackupMetrics;
import io.mcpbridge.dr.backup.operation.BackupContext;
import io.mcpbridge.dr.backup.operation.RestoreDestinations;
import io.mcpbridge.dr.backup.store.BucketLayout;
import io.mcpbridge.dr.events.CloudEventHeaders;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.backup.BackupAction;
import io.mcpbridge.dr.events.backup.BackupCommand;
import io.mcpbridge.dr.events.command.CommandOutcome;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.json.MalformedEventException;
import io.mcpbridge.dr.events.trust.RecordAuthenticator;
import io.mcpbridge.dr.events.trust.ReplayGuard;
import io.mcpbridge.dr.events.trust.UnauthenticatedRecordException;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads commands from {@code mcp-dr.commands.backup} and runs them one after the other on a worker thread.
 * Nothing runs unless the command is signed by a trusted signer, fresh by the broker's time, keyed as its
 * scopes say, not taken before (see {@link CommandReplays}), and names only configured restore targets; {@code requestedBy} becomes the
 * verified signer. A command is acknowledged once its outcome is recorded, successful or not; one that cannot
 * be read, is not believed or makes no sense goes to {@code mcp-dr.dlq} with the reason. Each command with a
 * readable id is answered once on {@code mcp-dr.commands.outcomes}: accepted before it runs (its progress and
 * result follow on {@code mcp-dr.backup.results}), or refused with the reason.
 */
@ApplicationScoped
public class BackupCommandIntake {

    private static final Logger LOG = Logger.getLogger(BackupCommandIntake.class);
    /** The name outcomes carry. */
    private static final String SELF = "backup-service";

    private final CommandRunner runner;
    private final RecordAuthenticator authenticator;
    private final ReplayGuard replays;
    private final RestoreDestinations destinations;
    private final BackupMetrics metrics;
    private final EventSender sender;
    private final Clock clock;

    public BackupCommandIntake(
            CommandRunner runner,
            RecordAuthenticator authenticator,
            @Identifier(CommandReplays.NAME) CommandReplays replays,
            BackupContext context,
            BackupMetrics metrics,
            EventSender sender,
            Clock clock) {
        this.sender = sender;
        this.clock = clock;
        this.runner = runner;
        this.authenticator = authenticator;
        this.replays = replays.guard();
        this.destinations = context.destinations();
        this.metrics = metrics;
    }

    @Incoming(Topics.COMMANDS_BACKUP)
    @Blocking(ordered = true)
    @SuppressWarnings("unchecked")
    public CompletionStage<Void> receive(Message<byte[]> message) {
        BackupCommand command;
        IncomingKafkaRecordMetadata<String, byte[]> metadata =
                message.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
        try {
            if (metadata == null) {
                throw new MalformedEventException("not a Kafka record");
            }
            EventEnvelope envelope =
                    EventRecords.fromParts(metadata.getKey(), message.getPayload(), metadata.getHeaders());
            RecordAuthenticator.Signed signed = authenticator.verifyFresh(
                    metadata.getTopic(),
                    metadata.getKey(),
                    metadata.getHeaders(),
                    message.getPayload(),
                    metadata.getTimestamp().toEpochMilli(),
                    metadata.getTimestampType());
            command = validate(envelope, metadata.getKey(), destinations).withRequestedBy(signed.signer());
            replays.take(
                    envelope.id(),
                    ReplayGuard.place(metadata.getTopic(), metadata.getPartition(), metadata.getOffset()),
                    metadata.getTimestamp());
        } catch (MalformedEventException | UnauthenticatedRecordException e) {
            LOG.warnf("backup command refused: %s", e.getMessage());
            metrics.refusedCommand(
                    e instanceof UnauthenticatedRecordException
                            ? BackupMetrics.REFUSED_UNAUTHENTICATED
                            : BackupMetrics.REFUSED_MALFORMED);
            answerRefusal(metadata, e.getMessage());
            return message.nack(e);
        } catch (RuntimeException e) {
            LOG.warnf("backup command unreadable: %s", e.getClass().getSimpleName());
            metrics.refusedCommand(BackupMetrics.REFUSED_MALFORMED);
            MalformedEventException unreadable = new MalformedEventException(
                    "unreadable command: " + e.getClass().getSimpleName());
            answerRefusal(metadata, unreadable.getMessage());
            return message.nack(unreadable);
        }
        answer(CommandOutcome.accepted(
                command.id(),
                SELF,
                command.action().name().toLowerCase(Locale.ROOT) + " queued; its result follows on "
                        + Topics.BACKUP_RESULTS,
                command.kafkaKey(),
                null,
                clock.instant()));
        runner.run(command);
        return message.ack();
    }

    /** A refused record is answered by its id, when it has a readable one. */
    private void answerRefusal(IncomingKafkaRecordMetadata<String, byte[]> metadata, String reason) {
        if (metadata == null) {
            return;
        }
        EventRecords.header(metadata.getHeaders(), CloudEventHeaders.ID)
                .filter(id -> !id.isBlank())
                .ifPresent(id -> answer(CommandOutcome.refused(id, SELF, reason, metadata.getKey(), clock.instant())));
    }

    private void answer(CommandOutcome outcome) {
        sender.send(new EventEnvelope(
                "outcome-" + outcome.commandId(),
                EventType.COMMAND_OUTCOME,
                CommandRunner.SOURCE,
                outcome.commandId(),
                outcome.at(),
                outcome));
    }

    static BackupCommand validate(EventEnvelope envelope, String key, RestoreDestinations destinations) {
        if (envelope.type() != EventType.BACKUP_REQUESTED) {
            throw new MalformedEventException("expected " + EventType.BACKUP_REQUESTED.typeName() + ", got "
                    + envelope.type().typeName());
        }
        BackupCommand command = (BackupCommand) envelope.payload();
        if (command.id() == null || command.id().isBlank()) {
            throw new MalformedEventException("backup command without id");
        }
        if (!command.id().equals(envelope.id())) {
            throw new MalformedEventException("backup command id " + command.id() + " differs from its ce_id");
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
        if ((command.action().takesNew()
                        || command.action() == BackupAction.PRUNE
                        || command.action() == BackupAction.DISCARD)
                && namesBackup) {
            throw new MalformedEventException(command.action() + " takes no backupId");
        }
        if (namesBackup
                && !BackupCommand.LATEST.equalsIgnoreCase(command.backupId().strip())
                && !BucketLayout.isBackupId(command.backupId().strip())) {
            throw new MalformedEventException(
                    "backupId '" + command.backupId() + "' is neither a backup id nor 'latest'");
        }
        if (command.dryRunRequested() && command.action() != BackupAction.PRUNE) {
            // Refused, not run: whoever asked for a dry run expects nothing to change.
            throw new MalformedEventException(
                    "only PRUNE can be a dry run; " + command.action() + " was asked for as one and is not run");
        }
        if (command.targets() != null && !command.action().takesTargets()) {
            throw new MalformedEventException("only RESTORE, CHECK and DISCARD take targets");
        }
        if (!command.kafkaKey().equals(key)) {
            throw new MalformedEventException("backup command " + command.id() + " is keyed '" + key + "', but its "
                    + "scopes make it '" + command.kafkaKey() + "'");
        }
        try {
            destinations.resolve(command.targets());
            if (command.action() == BackupAction.DISCARD) {
                destinations.discarded(command.targets());
            }
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("backup command " + command.id() + ": " + e.getMessage());
        }
        return command;
    }
}
