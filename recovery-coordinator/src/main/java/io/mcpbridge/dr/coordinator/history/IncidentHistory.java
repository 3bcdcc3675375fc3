package io.mcpbridge.dr.coordinator.history;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.incident.Incident;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.json.MalformedEventException;
import io.mcpbridge.dr.events.kafka.TopicReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Reads {@code mcp-dr.incidents} (compacted) from the beginning to its current end: the last version of
 * every incident, which is how a starting coordinator learns what is open, which steps ran and which
 * actions count against the budget. Records that cannot be read are skipped with a warning.
 */
public final class IncidentHistory {

    private static final Logger LOG = Logger.getLogger(IncidentHistory.class);

    private IncidentHistory() {}

    /**
     * Hands every incident's latest version to {@code restore}.
     *
     * @return how many incidents were read
     * @throws IllegalStateException when the topic cannot be read to its end within {@code timeout}
     */
    public static int load(Map<String, Object> kafkaConfig, Duration timeout, Consumer<Incident> restore) {
        Map<String, Incident> latest = new HashMap<>();
        TopicReader.readToEnd(kafkaConfig, Topics.INCIDENTS, Optional.empty(), timeout, record -> read(record, latest));
        latest.values().forEach(restore);
        return latest.size();
    }

    private static void read(ConsumerRecord<String, byte[]> record, Map<String, Incident> latest) {
        if (record.value() == null) {
            latest.remove(record.key()); // a tombstone
            return;
        }
        try {
            EventEnvelope event = EventRecords.fromRecord(record);
            if (event.type() == EventType.INCIDENT_UPDATED) {
                Incident incident = (Incident) event.payload();
                latest.merge(
                        incident.id(), incident, (known, next) -> next.version() >= known.version() ? next : known);
            }
        } catch (MalformedEventException e) {
            LOG.warnf(
                    "unreadable record at %s-%d@%d skipped: %s",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }
}
