package io.mcpbridge.dr.backup.postmortem;

import io.mcpbridge.dr.backup.operation.BackupContext;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.incident.IncidentState;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.json.MalformedEventException;
import io.mcpbridge.dr.events.trust.RecordAuthenticator;
import io.mcpbridge.dr.events.trust.UnauthenticatedRecordException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Keeps every resolved incident's postmortem draft where people find it: {@code postmortems/<incident id>.md} in
 * the backup bucket, next to the backups it may cite, created once (a later version of the incident never
 * rewrites it: people edit their own copy). It follows {@code mcp-dr.incidents} and believes only records the
 * trust file's signers signed; anything else goes to the dead letter topic with the reason.
 */
@ApplicationScoped
public class PostmortemArchiver {

    static final String CHANNEL = "postmortems";
    private static final Logger LOG = Logger.getLogger(PostmortemArchiver.class);

    private final BackupContext context;
    private final RecordAuthenticator authenticator;

    public PostmortemArchiver(BackupContext context, RecordAuthenticator authenticator) {
        this.context = context;
        this.authenticator = authenticator;
    }

    @Incoming(CHANNEL)
    @Blocking(ordered = true)
    @SuppressWarnings("unchecked")
    public CompletionStage<Void> receive(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<String, byte[]> metadata =
                message.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
        if (metadata == null || message.getPayload() == null) {
            return message.ack(); // a tombstone of the compacted topic: nothing to keep
        }
        Incident incident;
        try {
            EventEnvelope envelope =
                    EventRecords.fromParts(metadata.getKey(), message.getPayload(), metadata.getHeaders());
            authenticator.verify(metadata.getTopic(), metadata.getKey(), metadata.getHeaders(), message.getPayload());
            if (envelope.type() != EventType.INCIDENT_UPDATED) {
                return message.ack();
            }
            incident = (Incident) envelope.payload();
        } catch (MalformedEventException | UnauthenticatedRecordException e) {
            LOG.warnf("incident record refused: %s", e.getMessage());
            return message.nack(e);
        }
        if (incident.state() != IncidentState.RESOLVED || incident.postmortem() == null) {
            return message.ack();
        }
        try {
            if (context.store()
                    .create(
                            context.layout().postmortemKey(incident.id()),
                            incident.postmortem().getBytes(StandardCharsets.UTF_8))) {
                LOG.infof(
                        "postmortem draft of %s kept as %s",
                        incident.id(), context.layout().postmortemKey(incident.id()));
            }
        } catch (IOException | RuntimeException e) {
            // To the dead letter topic with the reason (and so into the notifier's digest): the draft stays in the
            // incident record, where drctl postmortem reads it.
            LOG.warnf("postmortem draft of %s not kept: %s", incident.id(), e.getMessage());
            return message.nack(new IllegalStateException("the bucket did not take the postmortem: " + e.getMessage()));
        }
        return message.ack();
    }
}
