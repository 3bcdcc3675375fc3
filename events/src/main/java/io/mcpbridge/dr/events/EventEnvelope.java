package io.mcpbridge.dr.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One event as it goes on a topic: CloudEvents attributes plus the payload record.
 *
 * @param id      the event's identity ({@code ce_id}): a command with a known id is a replay and runs nothing,
 *                the notifier delivers each id once per channel
 * @param type    what the payload is
 * @param source  the service that produced it, as a URI reference ({@code /mcp-dr/health-monitor})
 * @param subject what it is about, usually the component; also the Kafka key
 * @param time    when the fact happened
 * @param payload the record serialised as JSON
 */
public record EventEnvelope(String id, EventType type, String source, String subject, Instant time, Object payload) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(payload, "payload");
        if (!type.payloadType().isInstance(payload)) {
            throw new IllegalArgumentException(
                    type.typeName() + " carries " + type.payloadType().getSimpleName() + ", not "
                            + payload.getClass().getSimpleName());
        }
    }

    /** The topic this event belongs on. */
    public String topic() {
        return type.topic();
    }
}
