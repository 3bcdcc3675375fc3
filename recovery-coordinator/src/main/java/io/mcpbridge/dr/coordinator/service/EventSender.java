package io.mcpbridge.dr.coordinator.service;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.kafka.EventProducer;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes durably and waits for the broker: an incident version must be on its topic before the step
 * it records runs, or the step does not run.
 */
@ApplicationScoped
public class EventSender {

    private static final long ACK_TIMEOUT_SECONDS = 15;

    private final EventProducer producer;

    @Inject
    public EventSender(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.producer = new EventProducer(kafkaConfig, "recovery-coordinator");
    }

    /** @throws IllegalStateException when the broker did not acknowledge in time */
    public void send(EventEnvelope event) {
        try {
            producer.publish(event).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted publishing " + event.id());
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("event " + event.id() + " was not acknowledged: "
                    + (e instanceof ExecutionException ? e.getCause().getMessage() : "timed out"));
        }
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
