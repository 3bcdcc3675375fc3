package io.mcpbridge.dr.drctl.state;

import io.mcpbridge.dr.drctl.kafka.Kafka;
import io.mcpbridge.dr.events.CloudEventHeaders;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.json.EventRecords;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record a service gave up on, from {@code mcp-dr.dlq}: what it was, where it came from and why (the
 * dead-letter headers the services' consumers add). The record's content is not shown: it may be anything, from anyone.
 *
 * @param at        when it reached the dead letter topic
 * @param topic     the topic it was read from
 * @param key       its key (a command's component or scope)
 * @param type      its {@code ce_type}, when it had one
 * @param id        its {@code ce_id} (a command's id), when it had one
 * @param signer    who signed it, when it was signed
 * @param reason    why it was refused
 */
public record DeadLetter(Instant at, String topic, String key, String type, String id, String signer, String reason) {

    /** The dead letters since {@code since}, oldest first. */
    public static List<DeadLetter> read(Kafka kafka, Instant since) {
        return kafka.readRecords(Topics.DLQ, since).stream()
                .map(DeadLetter::of)
                .sorted(Comparator.comparing(DeadLetter::at))
                .toList();
    }

    static DeadLetter of(ConsumerRecord<String, byte[]> record) {
        return new DeadLetter(
                Instant.ofEpochMilli(record.timestamp()),
                header(record, CloudEventHeaders.DLQ_TOPIC),
                record.key(),
                header(record, CloudEventHeaders.TYPE),
                header(record, CloudEventHeaders.ID),
                header(record, CloudEventHeaders.SIGNER),
                header(record, CloudEventHeaders.DLQ_REASON));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return EventRecords.header(record.headers(), name).orElse(null);
    }
}
