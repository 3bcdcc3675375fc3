package io.mcpbridge.dr.coordinator.service;

import io.mcpbridge.dr.coordinator.command.CommandSignature;
import io.mcpbridge.dr.coordinator.safety.MaintenanceWindows;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.incident.RecoveryAction;
import io.mcpbridge.dr.events.incident.RecoveryCommand;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.json.MalformedEventException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Maintenance windows are engineers' commands, and the commands are kept on {@code mcp-dr.commands.recovery}:
 * a coordinator given a component's partition replays the maintenance commands of the lookback, in order,
 * so a window outlives the instance that received it. Only commands that would have been accepted live
 * count: signed with the key and dated within the accepted skew of when the broker took them. A window
 * ends at the command's own time plus its length, so replaying an old command cannot extend it.
 */
final class MaintenanceHistory {

    private MaintenanceHistory() {
    }

    /** @return how many maintenance commands were applied */
    static int replay(Map<String, Object> kafkaConfig, Instant since, Duration timeout, CommandSignature signature,
            Predicate<String> owned, MaintenanceWindows windows) {
        int[] applied = {0};
        TopicReader.readToEnd(kafkaConfig, Topics.COMMANDS_RECOVERY, Optional.of(since), timeout, record -> {
            Optional<RecoveryCommand> command = maintenanceCommand(record, signature);
            if (command.isPresent() && owned.test(command.get().component())) {
                if (command.get().action() == RecoveryAction.MAINTENANCE_ON) {
                    windows.start(MaintenanceWindows.Window.of(command.get()));
                } else {
                    windows.end(command.get().component());
                }
                applied[0]++;
            }
        });
        return applied[0];
    }

    private static Optional<RecoveryCommand> maintenanceCommand(ConsumerRecord<String, byte[]> record,
            CommandSignature signature) {
        if (record.value() == null) {
            return Optional.empty();
        }
        try {
            EventEnvelope event = EventRecords.fromRecord(record);
            if (event.type() != EventType.RECOVERY_REQUESTED) {
                return Optional.empty();
            }
            RecoveryCommand command = (RecoveryCommand) event.payload();
            if (command.action() != RecoveryAction.MAINTENANCE_ON && command.action() != RecoveryAction.MAINTENANCE_OFF) {
                return Optional.empty();
            }
            signature.verify(event.id(), event.time(), record.value(),
                    EventRecords.header(record.headers(), CommandSignature.HEADER).orElse(null),
                    Instant.ofEpochMilli(record.timestamp()));
            return Optional.of(command);
        } catch (MalformedEventException | CommandSignature.UnauthenticatedCommandException e) {
            return Optional.empty(); // refused when it came, and refused now
        }
    }
}
