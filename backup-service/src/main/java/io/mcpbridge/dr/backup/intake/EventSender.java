package io.mcpbridge.dr.backup.intake;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.Tombstone;
import io.mcpbridge.dr.events.kafka.EventProducer;
import io.mcpbridge.dr.events.trust.RecordSigner;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Publishes results, scheduled commands and the catalog durably ({@link EventProducer}), waiting for the
 * broker, signed with backup-service's own key: the coordinator believes no result that backup-service did not
 * sign.
 */
@ApplicationScoped
public class EventSender {

    private static final Logger LOG = Logger.getLogger(EventSender.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    private final EventProducer producer;

    @Inject
    public EventSender(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, RecordSigner signer) {
        this.producer = new EventProducer(kafkaConfig, "backup-service", signer);
    }

    /** Sends and waits for the acknowledgement; returns whether it was acknowledged. */
    public boolean send(EventEnvelope event) {
        try {
            producer.publishAndWait(event, ACK_TIMEOUT);
            return true;
        } catch (IllegalStateException e) {
            LOG.warnf("%s (%s)", e.getMessage(), event.type().typeName());
            return false;
        }
    }

    /** Sends the tombstone and waits for the acknowledgement; returns whether it was acknowledged. */
    public boolean send(Tombstone tombstone) {
        try {
            producer.publishAndWait(tombstone, ACK_TIMEOUT);
            return true;
        } catch (IllegalStateException e) {
            LOG.warnf("%s (%s)", e.getMessage(), tombstone.type().typeName());
            return false;
        }
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
