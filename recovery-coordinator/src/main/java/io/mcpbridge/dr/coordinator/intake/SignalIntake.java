package io.mcpbridge.dr.coordinator.intake;

import io.mcpbridge.dr.coordinator.loop.Coordinator;
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
 * Everything keyed by component, as one channel ({@value #CHANNEL}: health events, alerts and engineers'
 * commands), so that the partitions of all three go to the same instance together (see
 * {@link io.mcpbridge.dr.coordinator.ownership.OwnershipListener}). In order per component, handed to the
 * coordinator's loop, acknowledged once handled. What cannot be read goes to the dead letter topic with the
 * reason.
 */
@ApplicationScoped
public class SignalIntake {

    public static final String CHANNEL = "signals";

    private static final Logger LOG = Logger.getLogger(SignalIntake.class);

    private final Coordinator coordinator;
    private final RecoveryCommandIntake commands;

    public SignalIntake(Coordinator coordinator, RecoveryCommandIntake commands) {
        this.coordinator = coordinator;
        this.commands = commands;
    }

    @Incoming(CHANNEL)
    @Blocking(ordered = true)
    public CompletionStage<Void> receive(Message<byte[]> message) {
        String topic = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getTopic)
                .orElse("");
        if (topic.equals(Topics.COMMANDS_RECOVERY)) {
            return commands.receive(message);
        }
        EventEnvelope event;
        try {
            event = read(message);
            if (topic.equals(Topics.HEALTH)
                    && (event.type() == EventType.HEALTH_CHANGED || event.type() == EventType.HEALTH_SNAPSHOT)) {
                coordinator.onHealth((TargetHealth) event.payload(), event.type() == EventType.HEALTH_CHANGED);
            } else if (topic.equals(Topics.ALERTS) && event.type() == EventType.ALERT_RECEIVED) {
                coordinator.onAlert((AlertEvent) event.payload());
            } else {
                throw new MalformedEventException("unexpected " + event.type().typeName() + " on " + topic);
            }
        } catch (MalformedEventException e) {
            LOG.warnf("event on %s refused: %s", topic, e.getMessage());
            return message.nack(e);
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
            throw new MalformedEventException(
                    "unreadable event: " + e.getClass().getSimpleName());
        }
    }
}
