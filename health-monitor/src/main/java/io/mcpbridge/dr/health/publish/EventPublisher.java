package io.mcpbridge.dr.health.publish;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.kafka.EventProducer;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * health-monitor's durable, never-blocking publisher (see {@link EventProducer}): the webhook answers
 * Alertmanager only after the broker acknowledged, and probes publish from event loops.
 */
@Startup // built at start, never lazily on an event loop by the first request
@ApplicationScoped
public class EventPublisher {

    private final EventProducer producer;

    @Inject
    public EventPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.producer = new EventProducer(kafkaConfig, "health-monitor");
    }

    /** Sends the event; the future completes when the broker acknowledged it, or fails. */
    public CompletableFuture<RecordMetadata> publish(EventEnvelope event) {
        return producer.publish(event);
    }

    /** Sends the events in order; one future per event, in the same order. */
    public List<CompletableFuture<RecordMetadata>> publishAll(List<EventEnvelope> events) {
        return producer.publishAll(events);
    }

    @PreDestroy
    public void close() {
        producer.close();
    }
}
