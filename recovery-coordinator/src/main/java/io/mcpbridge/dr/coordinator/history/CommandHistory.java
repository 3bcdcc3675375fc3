package io.mcpbridge.dr.coordinator.history;

import io.mcpbridge.dr.coordinator.intake.AcceptedCommand;
import io.mcpbridge.dr.coordinator.safety.MaintenanceWindows;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.incident.RecoveryAction;
import io.mcpbridge.dr.events.json.MalformedEventException;
import io.mcpbridge.dr.events.kafka.TopicReader;
import io.mcpbridge.dr.events.trust.RecordAuthenticator;
import io.mcpbridge.dr.events.trust.ReplayGuard;
import io.mcpbridge.dr.events.trust.UnauthenticatedRecordException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a coordinator given a component's partition must know of the commands kept on
 * {@code mcp-dr.commands.recovery}: the ids already taken (so that a copy published again is a replay, also
 * after a restart or a partition move), and the maintenance windows still open (so that a window outlives the
 * instance that received it). Only commands that pass the live checks count ({@link AcceptedCommand}): signed
 * by a trusted signer and dated within the skew of when the broker took them. A window counts from its signed
 * time plus its length, so an old window published again neither counts nor extends one.
 */
final class CommandHistory {

    private CommandHistory() {}

    /** @return how many maintenance commands were applied */
    static int replay(
            Map<String, Object> kafkaConfig,
            Instant since,
            Duration timeout,
            RecordAuthenticator authenticator,
            ReplayGuard replays,
            Predicate<String> owned,
            MaintenanceWindows windows) {
        int[] applied = {0};
        TopicReader.readToEnd(kafkaConfig, Topics.COMMANDS_RECOVERY, Optional.of(since), timeout, record -> {
            Optional<AcceptedCommand> accepted = accepted(record, authenticator, replays);
            if (accepted.isEmpty() || !owned.test(accepted.get().command().component())) {
                return;
            }
            RecoveryAction action = accepted.get().command().action();
            if (action == RecoveryAction.MAINTENANCE_ON) {
                windows.start(MaintenanceWindows.Window.of(accepted.get()));
                applied[0]++;
            } else if (action == RecoveryAction.MAINTENANCE_OFF) {
                windows.end(accepted.get().command().component());
                applied[0]++;
            }
        });
        return applied[0];
    }

    private static Optional<AcceptedCommand> accepted(
            ConsumerRecord<String, byte[]> record, RecordAuthenticator authenticator, ReplayGuard replays) {
        if (record.value() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(AcceptedCommand.check(
                    record.key(),
                    record.value(),
                    record.headers(),
                    new AcceptedCommand.Place(
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            record.timestamp(),
                            record.timestampType()),
                    authenticator,
                    replays));
        } catch (MalformedEventException | UnauthenticatedRecordException e) {
            return Optional.empty(); // refused when it came, and refused now
        }
    }
}
