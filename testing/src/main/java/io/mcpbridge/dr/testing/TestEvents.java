package io.mcpbridge.dr.testing;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.trust.RecordSigner;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Puts events and raw records on topics for the service under test, waiting (bounded) for the broker's
 * acknowledgement, so a test's next step can rely on the record being there.
 */
public final class TestEvents implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public TestEvents(String bootstrapServers) {
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        0),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /**
     * Publishes an event as the services do (CloudEvents binary mode); on a signed topic, signed by its
     * {@linkplain TestSigners#defaultFor default test signer}.
     */
    public RecordMetadata publish(EventEnvelope event) {
        ProducerRecord<String, byte[]> record = EventRecords.toRecord(event);
        return send(
                Topics.SIGNED.contains(record.topic())
                        ? TestSigners.defaultFor(record.topic()).sign(record)
                        : record);
    }

    /** Publishes an event signed by {@code signer}, whatever its topic. */
    public RecordMetadata publishSignedBy(RecordSigner signer, EventEnvelope event) {
        return send(signer.sign(EventRecords.toRecord(event)));
    }

    /** Publishes any record, for example a malformed one a consumer must send to the dead letter topic. */
    public RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("broker did not acknowledge a record on " + record.topic(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
