package io.mcpbridge.dr.coordinator.support;

import io.mcpbridge.dr.coordinator.command.CommandSignature;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.incident.RecoveryCommand;
import io.mcpbridge.dr.events.json.EventRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Recovery commands as an engineer's tool sends them: keyed by component, signed with the test command key. */
public final class SignedCommands {

    private static final CommandSignature SIGNATURE = new CommandSignature(
            Base64.getDecoder().decode(CoordinatorProfile.COMMAND_KEY), Duration.ofMinutes(5));

    private SignedCommands() {
    }

    public static ProducerRecord<String, byte[]> signed(RecoveryCommand command) {
        ProducerRecord<String, byte[]> record = EventRecords.toRecord(new EventEnvelope(command.id(),
                EventType.RECOVERY_REQUESTED, "/test", command.component(), command.requestedAt(), command));
        record.headers().add(CommandSignature.HEADER, SIGNATURE.sign(command.id(), command.requestedAt(), record.value())
                .getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
