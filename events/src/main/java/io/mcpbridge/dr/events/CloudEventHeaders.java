package io.mcpbridge.dr.events;

/**
 * Kafka header names of CloudEvents 1.0 in binary content mode, as SmallRye Reactive Messaging reads
 * them, plus the signature headers of commands and results, and the dead-letter headers every service
 * writes when it gives up on a record.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    /** Who signed a command or result (see {@code trust.RecordSigner}). */
    public static final String SIGNER = "mcpdr-signer";
    /** The Ed25519 signature over the record's signed fields, {@code ed25519=<base64>}. */
    public static final String SIGNATURE = "mcpdr-signature";

    /** Why a record went to the dead letter topic (same name SmallRye's dead-letter strategy uses). */
    public static final String DLQ_REASON = "dead-letter-reason";
    /** Topic the record was read from. */
    public static final String DLQ_TOPIC = "dead-letter-topic";
    /** Service that gave up on the record. */
    public static final String DLQ_SERVICE = "dead-letter-service";

    private CloudEventHeaders() {}
}
