package io.mcpbridge.dr.notifier.intake;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.json.MalformedEventException;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.notifier.delivery.Dispatcher;
import io.mcpbridge.dr.notifier.delivery.HandedOverException;
import io.mcpbridge.dr.notifier.tracking.CommunicationTracker;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads notification requests. A record is acknowledged (its offset may be committed) only once every
 * channel is done with it, so a restart redelivers what was still queued; the delivery ledger keeps that
 * from sending anything twice. A record that is not a valid request, or that a channel refused for good,
 * is nacked and so goes to {@code mcp-dr.dlq} with the reason; the others carry on meanwhile.
 */
@ApplicationScoped
public class NotifyIntake {

    private static final Logger LOG = Logger.getLogger(NotifyIntake.class);

    private final Dispatcher dispatcher;
    private final CommunicationTracker tracker;

    public NotifyIntake(Dispatcher dispatcher, CommunicationTracker tracker) {
        this.dispatcher = dispatcher;
        this.tracker = tracker;
    }

    @Incoming(Topics.COMMANDS_NOTIFY)
    @SuppressWarnings("unchecked")
    public CompletionStage<Void> receive(Message<byte[]> message) {
        NotificationRequest request;
        try {
            IncomingKafkaRecordMetadata<String, byte[]> metadata = message.getMetadata(
                            IncomingKafkaRecordMetadata.class)
                    .orElseThrow(() -> new MalformedEventException("not a Kafka record"));
            request = parse(EventRecords.fromParts(metadata.getKey(), message.getPayload(), metadata.getHeaders()));
        } catch (MalformedEventException e) {
            LOG.warnf("notification request refused: %s", e.getMessage());
            return nack(message, e);
        } catch (RuntimeException e) {
            LOG.warnf("notification request unreadable: %s", e.getClass().getSimpleName());
            return nack(
                    message,
                    new MalformedEventException(
                            "unreadable request: " + e.getClass().getSimpleName()));
        }
        CompletableFuture<List<String>> delivered;
        try {
            delivered = tracker.receive(request);
        } catch (RuntimeException e) {
            LOG.errorf("notification %s could not be dispatched: %s", request.id(), e.toString());
            return nack(message, e);
        }
        // Not awaited: records are acknowledged out of order as their deliveries end.
        delivered.whenComplete((failures, error) -> {
            if (HandedOverException.is(error)) {
                return; // its partition moved: left unacknowledged, the instance that owns it now delivers it
            }
            if (dispatcher.stopping() && (error != null || !failures.isEmpty())) {
                return; // not done, not refused: left unacknowledged, Kafka redelivers it after the restart
            }
            if (error != null) {
                nack(message, error);
            } else if (!failures.isEmpty()) {
                nack(message, new UndeliverableException(String.join("; ", failures)));
            } else {
                message.ack();
            }
        });
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Sends the record to the dead letter topic. Never fails the stream: if even that write fails, the record
     * stays unacknowledged and comes back after a restart.
     */
    private static CompletionStage<Void> nack(Message<byte[]> message, Throwable reason) {
        message.nack(reason).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.errorf(
                        "dead letter not written, the record stays pending: %s",
                        failure.getClass().getSimpleName());
            }
        });
        return CompletableFuture.completedFuture(null);
    }

    private static NotificationRequest parse(EventEnvelope envelope) {
        if (envelope.type() != EventType.NOTIFY_REQUESTED) {
            throw new MalformedEventException("expected " + EventType.NOTIFY_REQUESTED.typeName() + ", got "
                    + envelope.type().typeName());
        }
        NotificationRequest request = (NotificationRequest) envelope.payload();
        List<String> missing = new ArrayList<>();
        if (blank(request.id())) {
            missing.add("id");
        }
        if (blank(request.incidentId())) {
            missing.add("incidentId");
        }
        if (request.kind() == null) {
            missing.add("kind");
        }
        if (request.severity() == null) {
            missing.add("severity");
        }
        if (blank(request.summary())) {
            missing.add("summary");
        }
        if (!missing.isEmpty()) {
            throw new MalformedEventException("notification request without " + String.join(", ", missing));
        }
        return request;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** A channel refused the notification for good; the message is the reason on the dead letter topic. */
    static final class UndeliverableException extends RuntimeException {
        UndeliverableException(String reason) {
            super(reason, null, false, false);
        }
    }
}
