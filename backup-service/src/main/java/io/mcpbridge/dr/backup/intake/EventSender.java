package io.mcpbridge.dr.backup.intake;

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
import org.jboss.logging.Logger;

/** Publishes results and scheduled commands durably ({@link EventProducer}), waiting for the broker. */
@ApplicationScoped
public class EventSender {

    private static final Logger LOG = Logger.getLogger(EventSender.class);
    private static final long ACK_TIMEOUT_SECONDS = 15;

    private final EventProducer producer;

    @Inject
    public EventSender(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.producer = new EventProducer(kafkaConfig, "backup-service");
    }

    /** Sends and waits for the acknowledgement; returns whether it was acknowledged. */
    public boolean send(EventEnvelope event) {
        try {
            producer.publish(event).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("event %s (%s) was not acknowledged: %s", event.id(), event.type().typeName(),
                    e instanceof ExecutionException ? e.getCause().getMessage() : "timed out");
            return false;
        }
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
