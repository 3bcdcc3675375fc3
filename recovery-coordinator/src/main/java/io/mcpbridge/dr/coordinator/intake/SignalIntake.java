package io.mcpbridge.dr.coordinator.intake;

import io.mcpbridge.dr.coordinator.service.Coordinator;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.alert.AlertEvent;
import io.mcpbridge.dr.events.health.TargetHealth;
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
 * Health events and alerts, in order per component (the key), handed to the coordinator's loop; acknowledged
 * once handled. What cannot be read goes to the dead letter topic with the reason.
 */
@ApplicationScoped
public class SignalIntake {

    private static final Logger LOG = Logger.getLogger(SignalIntake.class);

    private final Coordinator coordinator;

    public SignalIntake(Coordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Incoming(Topics.HEALTH)
    @Blocking(ordered = true)
    public CompletionStage<Void> health(Message<byte[]> message) {
        EventEnvelope event;
        try {
            event = read(message);
        } catch (MalformedEventException e) {
            LOG.warnf("health event refused: %s", e.getMessage());
            return message.nack(e);
        }
        if (event.type() != EventType.HEALTH_CHANGED && event.type() != EventType.HEALTH_SNAPSHOT) {
            return message.nack(new MalformedEventException("unexpected " + event.type().typeName() + " on " + Topics.HEALTH));
        }
        coordinator.onHealth((TargetHealth) event.payload(), event.type() == EventType.HEALTH_CHANGED);
        return message.ack();
    }

    @Incoming(Topics.ALERTS)
    @Blocking(ordered = true)
    public CompletionStage<Void> alert(Message<byte[]> message) {
        EventEnvelope event;
        try {
            event = read(message);
        } catch (MalformedEventException e) {
            LOG.warnf("alert refused: %s", e.getMessage());
            return message.nack(e);
        }
        if (event.type() != EventType.ALERT_RECEIVED) {
            return message.nack(new MalformedEventException("unexpected " + event.type().typeName() + " on " + Topics.ALERTS));
        }
        coordinator.onAlert((AlertEvent) event.payload());
        return message.ack();
    }

    /** Results of backup-service commands: the terminal ones move the incidents that wait for them. */
    @Incoming(Topics.BACKUP_RESULTS)
    @Blocking(ordered = true)
    public CompletionStage<Void> backupResult(Message<byte[]> message) {
        EventEnvelope event;
        try {
            event = read(message);
        } catch (MalformedEventException e) {
            LOG.warnf("backup result refused: %s", e.getMessage());
            return message.nack(e);
        }
        if (event.type() != EventType.BACKUP_RESULT) {
            return message.nack(new MalformedEventException("unexpected " + event.type().typeName() + " on "
                    + Topics.BACKUP_RESULTS));
        }
        io.mcpbridge.dr.events.backup.BackupResult result = (io.mcpbridge.dr.events.backup.BackupResult) event.payload();
        if (result.phase().terminal()) {
            coordinator.onBackupResult(result);
        }
        return message.ack();
    }

    @SuppressWarnings("unchecked")
    static EventEnvelope read(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<String, byte[]> metadata = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new MalformedEventException("not a Kafka record"));
        try {
            return EventRecords.fromParts(metadata.getKey(), message.getPayload(), metadata.getHeaders());
        } catch (MalformedEventException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedEventException("unreadable event: " + e.getClass().getSimpleName());
        }
    }
}
