package io.mcpbridge.dr.coordinator.support;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.incident.RecoveryCommand;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.trust.RecordSigner;
import io.mcpbridge.dr.testing.TestSigners;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Recovery commands as an engineer's tool sends them: keyed by component, signed by the test engineer. */
public final class SignedCommands {

    private SignedCommands() {}

    public static ProducerRecord<String, byte[]> signed(RecoveryCommand command) {
        return signedBy(TestSigners.signer(TestSigners.ENGINEER), command);
    }

    public static ProducerRecord<String, byte[]> signedBy(RecordSigner signer, RecoveryCommand command) {
        return signer.sign(unsigned(command));
    }

    public static ProducerRecord<String, byte[]> unsigned(RecoveryCommand command) {
        return EventRecords.toRecord(new EventEnvelope(
                command.id(),
                EventType.RECOVERY_REQUESTED,
                "/test",
                command.component(),
                command.requestedAt() == null ? Instant.now() : command.requestedAt(),
                command));
    }
}
