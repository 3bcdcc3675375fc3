package io.mcpbridge.dr.events.json;

import io.mcpbridge.dr.events.CloudEventHeaders;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Tombstone;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Turns envelopes into Kafka records (CloudEvents binary mode) and back. */
public final class EventRecords {

    private EventRecords() {}

    /** A record keyed by the envelope's subject, with the payload as JSON and the CloudEvents headers. */
    public static ProducerRecord<String, byte[]> toRecord(EventEnvelope event) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(event.topic(), event.subject(), EventJson.toBytes(event.payload()));
        Headers headers = record.headers();
        put(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        put(headers, CloudEventHeaders.ID, event.id());
        put(headers, CloudEventHeaders.TYPE, event.type().typeName());
        put(headers, CloudEventHeaders.SOURCE, event.source());
        put(headers, CloudEventHeaders.TIME, event.time().toString());
        put(headers, CloudEventHeaders.SUBJECT, event.subject());
        put(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return record;
    }

    /** A record without a value, keyed by the tombstone's key, with the CloudEvents headers but no content type. */
    public static ProducerRecord<String, byte[]> toRecord(Tombstone tombstone) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(tombstone.topic(), tombstone.key(), null);
        Headers headers = record.headers();
        put(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        put(headers, CloudEventHeaders.ID, tombstone.id());
        put(headers, CloudEventHeaders.TYPE, tombstone.type().typeName());
        put(headers, CloudEventHeaders.SOURCE, tombstone.source());
        put(headers, CloudEventHeaders.TIME, tombstone.time().toString());
        put(headers, CloudEventHeaders.SUBJECT, tombstone.key());
        return record;
    }

    /**
     * Reads an envelope from a consumed record.
     *
     * @throws MalformedEventException when a header is missing, the type is unknown or the payload does not parse
     */
    public static EventEnvelope fromRecord(ConsumerRecord<String, byte[]> record) {
        return fromParts(record.key(), record.value(), record.headers());
    }

    /**
     * Reads an envelope from the parts of a record (as a messaging framework hands them over).
     *
     * @throws MalformedEventException when a header is missing, the type is unknown or the payload does not parse
     */
    public static EventEnvelope fromParts(String key, byte[] value, Headers headers) {
        String typeName = required(headers, CloudEventHeaders.TYPE);
        EventType type = EventType.byTypeName(typeName)
                .orElseThrow(() -> new MalformedEventException("unknown event type " + typeName));
        Object payload = EventJson.fromBytes(value, type.payloadType());
        Instant time;
        try {
            time = Instant.parse(required(headers, CloudEventHeaders.TIME));
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("ce_time is not an RFC 3339 time");
        }
        String subject = header(headers, CloudEventHeaders.SUBJECT).orElse(key);
        return new EventEnvelope(
                required(headers, CloudEventHeaders.ID),
                type,
                required(headers, CloudEventHeaders.SOURCE),
                subject == null ? "" : subject,
                time,
                payload);
    }

    public static Optional<String> header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static String required(Headers headers, String name) {
        return header(headers, name).orElseThrow(() -> new MalformedEventException("missing header " + name));
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
