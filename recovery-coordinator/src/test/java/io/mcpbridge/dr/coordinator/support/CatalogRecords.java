package io.mcpbridge.dr.coordinator.support;

import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Tombstone;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.json.EventRecords;
import io.mcpbridge.dr.events.trust.RecordSigner;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Records of {@code mcp-dr.backup.catalog} as backup-service publishes them, keyed by backup id and signed (by
 * whoever the test says), on a partition of the test's choosing, so that their order is the order they are read in,
 * and stamped with the time they were published, which may be long ago.
 */
public final class CatalogRecords {

    private static final String SOURCE = "/mcp-dr/backup-service";

    private CatalogRecords() {}

    /** What the backup's index object says, published at {@code at}. */
    public static ProducerRecord<String, byte[]> cataloged(
            RecordSigner signer, BackupIndex backup, int partition, Instant at) {
        return signed(
                signer,
                EventRecords.toRecord(new EventEnvelope(
                        backup.id() + ":" + UUID.randomUUID(),
                        EventType.BACKUP_CATALOGED,
                        SOURCE,
                        backup.id(),
                        at,
                        backup)),
                partition,
                at);
    }

    /** The backup was pruned at {@code at}. */
    public static ProducerRecord<String, byte[]> tombstone(
            RecordSigner signer, String backupId, int partition, Instant at) {
        return signed(
                signer,
                EventRecords.toRecord(new Tombstone(
                        backupId + ":" + UUID.randomUUID(), EventType.BACKUP_CATALOGED, SOURCE, backupId, at)),
                partition,
                at);
    }

    private static ProducerRecord<String, byte[]> signed(
            RecordSigner signer, ProducerRecord<String, byte[]> record, int partition, Instant at) {
        return signer.sign(new ProducerRecord<>(
                record.topic(), partition, at.toEpochMilli(), record.key(), record.value(), record.headers()));
    }
}
