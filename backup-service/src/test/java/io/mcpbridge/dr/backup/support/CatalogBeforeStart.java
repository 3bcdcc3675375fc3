package io.mcpbridge.dr.backup.support;

import io.mcpbridge.dr.backup.store.BucketLayout;
import io.mcpbridge.dr.backup.store.S3ObjectStore;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.json.EventJson;
import io.mcpbridge.dr.testing.S3Server;
import io.mcpbridge.dr.testing.TestEvents;
import io.mcpbridge.dr.testing.TestSigners;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the store and the catalog topic disagree on before backup-service starts: a backup the store holds that
 * the topic never heard of, and one the topic still names that the store no longer has. Start-up must
 * reconcile both.
 */
public final class CatalogBeforeStart {

    /** In the store only. */
    public static final String STORED_ONLY = "20200102T030405Z-0000a1";
    /** On the topic only. */
    public static final String CATALOGED_ONLY = "20200102T030405Z-0000b2";

    private CatalogBeforeStart() {}

    /** An old failed backup: never restorable, and expired for any prune. */
    public static BackupIndex oldFailure(String id) {
        Instant at = Instant.parse("2020-01-02T03:04:05Z");
        return BackupIndex.failed(
                new BackupIndex.Origin(
                        id,
                        BackupIndex.Purpose.MANUAL,
                        List.of(BackupScope.CONFIGS),
                        at,
                        "0000000000000000",
                        "test",
                        "test"),
                at,
                Map.of(),
                "the test made it fail");
    }

    static void plant(S3Server s3, String prefix, String bootstrapServers) {
        BucketLayout layout = new BucketLayout(prefix);
        try (S3ObjectStore store =
                new S3ObjectStore(Contexts.s3Client(s3), S3Server.BUCKET, prefix, 5 * 1024 * 1024, 1)) {
            store.create(layout.indexKey(STORED_ONLY), EventJson.toBytes(oldFailure(STORED_ONLY)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (TestEvents events = new TestEvents(bootstrapServers)) {
            events.publishSignedBy(
                    TestSigners.signer(TestSigners.BACKUP_SERVICE),
                    new EventEnvelope(
                            "seed-" + CATALOGED_ONLY,
                            EventType.BACKUP_CATALOGED,
                            "/test",
                            CATALOGED_ONLY,
                            Instant.now(),
                            oldFailure(CATALOGED_ONLY)));
        }
    }
}
