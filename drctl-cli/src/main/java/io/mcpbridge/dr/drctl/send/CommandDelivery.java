package io.mcpbridge.dr.drctl.send;

import io.mcpbridge.dr.drctl.kafka.Kafka;
import io.mcpbridge.dr.drctl.kafka.Watch;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.backup.BackupResult;
import io.mcpbridge.dr.events.command.CommandOutcome;
import io.mcpbridge.dr.events.drill.DrillResult;
import io.mcpbridge.dr.events.trust.RecordSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * One signed command and what answers it: its one outcome on {@code mcp-dr.commands.outcomes} (keyed by the
 * command id) and, for backup commands, its results on {@code mcp-dr.backup.results}. The topics are watched
 * from before the command is published, so no answer is missed however fast it comes.
 */
public final class CommandDelivery implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Kafka kafka;
    private final Watch watch;
    private final String commandId;
    private final Deque<BackupResult> results = new ArrayDeque<>();
    private CommandOutcome outcome;
    private DrillResult drill;

    private CommandDelivery(Kafka kafka, Watch watch, String commandId) {
        this.kafka = kafka;
        this.watch = watch;
        this.commandId = commandId;
    }

    /**
     * Starts watching for the answers to {@code commandId}: its outcome, and what follows it on {@code followed}
     * (backup results, a drill's result).
     */
    public static CommandDelivery open(Kafka kafka, String commandId, List<String> followed) {
        List<String> topics = new ArrayList<>(List.of(Topics.COMMAND_OUTCOMES));
        topics.addAll(followed);
        return new CommandDelivery(kafka, kafka.watch(topics), commandId);
    }

    public void publish(EventEnvelope command, RecordSigner signer) {
        kafka.publish(command, signer);
    }

    /** The command's outcome, once it came; empty when none came before {@code deadline}. */
    public Optional<CommandOutcome> outcome(Instant deadline) {
        while (outcome == null && Instant.now().isBefore(deadline)) {
            pollOnce();
        }
        return Optional.ofNullable(outcome);
    }

    /** The command's next backup result, in order; empty when none came before {@code deadline}. */
    public Optional<BackupResult> nextResult(Instant deadline) {
        while (results.isEmpty() && Instant.now().isBefore(deadline)) {
            pollOnce();
        }
        return Optional.ofNullable(results.poll());
    }

    /** The result of the drill the command started (the drill has the command's id); empty before the deadline. */
    public Optional<DrillResult> drillResult(Instant deadline) {
        while (drill == null && Instant.now().isBefore(deadline)) {
            pollOnce();
        }
        return Optional.ofNullable(drill);
    }

    private void pollOnce() {
        for (Kafka.Read read : watch.poll(POLL)) {
            if (read.event().isEmpty()) {
                continue;
            }
            EventEnvelope event = read.event().get();
            if (event.type() == EventType.COMMAND_OUTCOME
                    && ((CommandOutcome) event.payload()).commandId().equals(commandId)) {
                outcome = (CommandOutcome) event.payload();
            } else if (event.type() == EventType.BACKUP_RESULT
                    && commandId.equals(((BackupResult) event.payload()).commandId())) {
                results.add((BackupResult) event.payload());
            } else if (event.type() == EventType.DRILL_COMPLETED
                    && commandId.equals(((DrillResult) event.payload()).id())) {
                drill = (DrillResult) event.payload();
            }
        }
    }

    @Override
    public void close() {
        watch.close();
    }
}
