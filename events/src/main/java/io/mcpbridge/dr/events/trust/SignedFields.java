package io.mcpbridge.dr.events.trust;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a record signature covers, in one unambiguous encoding: a fixed first line, then each field
 * as {@code <byte length>:<bytes>\n}, in this order: signer, topic, Kafka key, {@code ce_id},
 * {@code ce_type}, {@code ce_time} (the header's text exactly as sent, never re-formatted) and the payload.
 * Length prefixes make every split of the input distinct, so no two different records share these bytes. A
 * tombstone (a record without a value, which deletes its key from a compacted topic) has no payload field: six
 * fields where any other record has seven, so it is never confused with a record whose payload is empty.
 * {@code docs/events.md} has a worked example that a test checks.
 */
public final class SignedFields {

    /** The first line: names the scheme, so a later one cannot be confused with it. */
    static final String PREAMBLE = "mcpdr-signed-record-v1\n";

    private SignedFields() {}

    /**
     * @param payload the record's value; null for a tombstone
     * @throws IllegalArgumentException when a field is missing: an unkeyed or unidentified record is not signable
     */
    public static byte[] of(
            String signer, String topic, String key, String id, String type, String time, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload == null ? 256 : payload.length + 256);
        out.writeBytes(PREAMBLE.getBytes(StandardCharsets.US_ASCII));
        field(out, "signer", signer);
        field(out, "topic", topic);
        field(out, "key", key);
        field(out, "ce_id", id);
        field(out, "ce_type", type);
        field(out, "ce_time", time);
        if (payload != null) {
            field(out, payload);
        }
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("a record without " + name + " cannot be signed");
        }
        field(out, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
        out.write('\n');
    }
}
