package io.mcpbridge.dr.events;

import java.time.Instant;
import java.util.Objects;

/**
 * The end of a key on a compacted topic: a record with no value, after which compaction drops every earlier
 * record of the key (and, after {@code delete.retention.ms}, the tombstone itself). It carries the CloudEvents
 * attributes of the type whose key it ends, without a content type since there is no content, so on a signed
 * topic it is signed like the records it deletes and a reader can tell a deletion by the service from anyone
 * else's.
 *
 * @param id     the event's identity ({@code ce_id})
 * @param type   the type of the records the key held
 * @param source the service that deleted it, as a URI reference
 * @param key    the Kafka key that ends; also {@code ce_subject}
 * @param time   when the thing the key named went away
 */
public record Tombstone(String id, EventType type, String source, String key, Instant time) {

    public Tombstone {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(time, "time");
    }

    /** The topic the key is on. */
    public String topic() {
        return type.topic();
    }
}
