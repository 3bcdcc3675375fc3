package io.mcpbridge.dr.coordinator.publish;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.kafka.EventProducer;
import io.mcpbridge.dr.events.trust.RecordSigner;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes durably and waits for the broker: an incident version must be on its topic before the step
 * it records runs, or the step does not run. Commands for backup-service are signed with the coordinator's key.
 */
@ApplicationScoped
public class EventSender {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    private final EventProducer producer;

    @Inject
    public EventSender(
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, Optional<RecordSigner> signer) {
        this.producer = new EventProducer(kafkaConfig, "recovery-coordinator", signer.orElse(null));
    }

    /**
     * @return where the record stands (its partition and offset)
     * @throws IllegalStateException when the broker did not acknowledge in time
     */
    public RecordMetadata send(EventEnvelope event) {
        return producer.publishAndWait(event, ACK_TIMEOUT);
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
