package io.mcpbridge.dr.drctl.kafka;

import io.mcpbridge.dr.drctl.settings.Settings;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.json.MalformedEventException;
import io.mcpbridge.dr.events.kafka.EventProducer;
import io.mcpbridge.dr.events.kafka.TopicReader;
import io.mcpbridge.dr.events.trust.RecordSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * drctl's only way out: reads topics outside any consumer group (drctl never commits offsets, so it needs no
 * group ACL and leaves nothing behind) and publishes signed commands. Every failure becomes a message that says
 * which broker was tried and which setting to change.
 */
public final class Kafka {

    /** How long a read may take before the broker is called unreachable. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Settings settings;

    public Kafka(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** The clients' configuration: the settings, and timeouts short enough for a person waiting. */
    Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.putAll(settings.kafka());
        return config;
    }

    /** A record as read: its key and its event, or empty for a tombstone or a record that does not parse. */
    public record Read(String topic, String key, Optional<EventEnvelope> event, Instant timestamp) {}

    /**
     * Every record of a topic from {@code since} (or its beginning) to its end now, in order per partition.
     * Records that do not parse are skipped: the services already sent them to the dead letter topic.
     */
    public List<Read> read(String topic, Optional<Instant> since) {
        List<Read> records = new ArrayList<>();
        try {
            TopicReader.readToEnd(config(), topic, since, TIMEOUT, record -> records.add(parse(record)));
        } catch (RuntimeException e) {
            throw KafkaErrors.explain(e, settings, "reading " + topic);
        }
        return records;
    }

    /** Every record of a topic from {@code since} to its end now, as it is (headers and all). */
    public List<ConsumerRecord<String, byte[]>> readRecords(String topic, Instant since) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try {
            TopicReader.readToEnd(config(), topic, Optional.of(since), TIMEOUT, records::add);
        } catch (RuntimeException e) {
            throw KafkaErrors.explain(e, settings, "reading " + topic);
        }
        return records;
    }

    /** The newest event of every key on a compacted topic (tombstones remove their key). */
    public Map<String, EventEnvelope> latestByKey(String topic) {
        Map<String, EventEnvelope> latest = new LinkedHashMap<>();
        for (Read read : read(topic, Optional.empty())) {
            if (read.event().isPresent()) {
                latest.remove(read.key());
                latest.put(read.key(), read.event().get());
            } else {
                latest.remove(read.key());
            }
        }
        return latest;
    }

    static Read parse(ConsumerRecord<String, byte[]> record) {
        Instant timestamp = Instant.ofEpochMilli(record.timestamp());
        if (record.value() == null) {
            return new Read(record.topic(), record.key(), Optional.empty(), timestamp);
        }
        try {
            return new Read(record.topic(), record.key(), Optional.of(EventRecords.fromRecord(record)), timestamp);
        } catch (MalformedEventException e) {
            return new Read(record.topic(), record.key(), Optional.empty(), timestamp);
        }
    }

    /** Watches topics from their end now: open it before publishing what they will answer. */
    public Watch watch(List<String> topics) {
        try {
            return new Watch(TopicReader.groupless(config(), "drctl-watch"), topics, TIMEOUT);
        } catch (RuntimeException e) {
            throw KafkaErrors.explain(e, settings, "reading " + String.join(", ", topics));
        }
    }

    /**
     * Publishes one event, signed as {@code signer} on a command topic, and waits for the broker's
     * acknowledgement.
     */
    public void publish(EventEnvelope event, RecordSigner signer) {
        try (EventProducer producer = new EventProducer(settings.kafka(), "drctl", signer)) {
            producer.publishAndWait(event, TIMEOUT);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw KafkaErrors.explain(cause, settings, "publishing to " + event.topic());
            }
            throw KafkaErrors.unreachable(settings, "publishing to " + event.topic());
        }
    }

    /** {@link KafkaErrors#explain} for callers outside this package. */
    public RuntimeException explain(RuntimeException failure, String doing) {
        return KafkaErrors.explain(failure, settings, doing);
    }
}
